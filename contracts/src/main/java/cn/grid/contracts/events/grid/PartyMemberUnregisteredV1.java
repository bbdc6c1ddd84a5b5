package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

/** A party member's residence registration ended (moved away, transferred ...); {@code endDate} is the last day. */
public record PartyMemberUnregisteredV1(String assignmentId, String personId, String nodeId, String endDate,
        String reason) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.PARTY_MEMBER_UNREGISTERED;
    }

    @Override
    public String aggregateId() {
        return assignmentId;
    }
}
