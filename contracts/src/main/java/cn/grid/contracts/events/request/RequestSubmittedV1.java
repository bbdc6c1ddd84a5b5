package cn.grid.contracts.events.request;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/** A citizen request ticket was submitted and routed to a grid node (or to no grid: the community queue). */
public record RequestSubmittedV1(String requestId, String type, String title, String gridNodeId,
        String reporterId, OffsetDateTime submittedAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.REQUEST_SUBMITTED;
    }

    @Override
    public String aggregateId() {
        return requestId;
    }
}
