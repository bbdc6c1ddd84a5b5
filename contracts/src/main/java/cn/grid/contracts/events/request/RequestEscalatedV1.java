package cn.grid.contracts.events.request;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/**
 * 督办/吹哨报到: the level above now answers for a ticket — by hand ({@code automatic} false, {@code actor} the
 * caller) or because a clock ran out ({@code automatic} true, {@code actor} "sla").
 */
public record RequestEscalatedV1(String requestId, String requestType, String category, String status,
        String fromNodeId, String toNodeId, String toNodePath, int level, boolean automatic, String actor,
        String reason, OffsetDateTime at) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.REQUEST_ESCALATED;
    }

    @Override
    public String aggregateId() {
        return requestId;
    }
}
