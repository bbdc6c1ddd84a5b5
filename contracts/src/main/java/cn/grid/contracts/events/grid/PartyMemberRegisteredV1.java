package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

/**
 * A party member registered at the grid of residence (居住地报到); {@code workOrganisation} is set for a serving
 * member's double registration (双报到). The denominator of study coverage.
 */
public record PartyMemberRegisteredV1(String assignmentId, String personId, String personName, String subject,
        String nodeId, String nodePath, String startDate, String workOrganisation) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.PARTY_MEMBER_REGISTERED;
    }

    @Override
    public String aggregateId() {
        return assignmentId;
    }
}
