package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

/** An assignment ended: {@code endDate} is the last day it held. */
public record AssignmentEndedV1(String assignmentId, String personId, String nodeId, String role, String endDate,
        String reason) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.ASSIGNMENT_ENDED;
    }

    @Override
    public String aggregateId() {
        return assignmentId;
    }
}
