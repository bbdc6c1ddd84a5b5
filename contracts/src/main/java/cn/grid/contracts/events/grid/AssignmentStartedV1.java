package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

/**
 * A person took up a role at a grid node (a grid worker, one of the five or three heads, a volunteer ...).
 * Party members' residence registrations are {@link PartyMemberRegisteredV1} instead.
 */
public record AssignmentStartedV1(String assignmentId, String personId, String personName, String subject,
        String nodeId, String nodePath, String role, String startDate, String endDate) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.ASSIGNMENT_STARTED;
    }

    @Override
    public String aggregateId() {
        return assignmentId;
    }
}
