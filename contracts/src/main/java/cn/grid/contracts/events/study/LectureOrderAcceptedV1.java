package cn.grid.contracts.events.study;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/**
 * A speaker accepted a branch's order of a micro-lecture (点单式); it is now the scheduled session
 * {@code sessionId} (announced on its own as cn.grid.study.session.recorded.v1).
 */
public record LectureOrderAcceptedV1(String orderId, String materialId, String title, String orgId,
        String speakerSubject, String sessionId, String gridNodeId, OffsetDateTime startsAt,
        OffsetDateTime acceptedAt) implements IntegrationEvent {

    public static final String TYPE = EventTypes.STUDY_LECTURE_ORDER_ACCEPTED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}
