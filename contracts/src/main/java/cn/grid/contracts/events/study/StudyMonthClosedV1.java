package cn.grid.contracts.events.study;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/** A month of 一课一片一实践 was closed for an organisation subtree: its figures as they stood then. */
public record StudyMonthClosedV1(String orgId, String month, long members, long complete, Double coverage,
        long lecture, long film, long practice, String closedBy, OffsetDateTime closedAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.STUDY_MONTH_CLOSED;
    }

    @Override
    public String aggregateId() {
        return orgId;
    }
}
