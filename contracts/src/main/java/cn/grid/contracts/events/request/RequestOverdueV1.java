package cn.grid.contracts.events.request;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/**
 * A ticket's clock passed its deadline: {@code stage} RESPOND (受理/首次响应), SIGN (签收) or RESOLVE (办结). Sent
 * once per run of a stage's clock, by the SLA sweep; whoever answers for the ticket ({@code responsibleNodeId})
 * should hear of it.
 */
public record RequestOverdueV1(String requestId, String requestType, String category, String stage,
        OffsetDateTime dueAt, String status, String gridNodeId, String gridPath, String responsibleNodeId,
        String assignee, OffsetDateTime at) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.REQUEST_OVERDUE;
    }

    @Override
    public String aggregateId() {
        return requestId;
    }
}
