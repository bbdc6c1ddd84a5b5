package cn.grid.contracts.events.study;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/** A study session (micro-lecture, film screening, themed party day ...) was recorded for a grid node. */
public record StudySessionRecordedV1(String sessionId, String kind, String title, String gridNodeId,
        OffsetDateTime startsAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.STUDY_SESSION_RECORDED;
    }

    @Override
    public String aggregateId() {
        return sessionId;
    }
}
