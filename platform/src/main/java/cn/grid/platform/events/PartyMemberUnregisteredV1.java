package cn.grid.platform.events;

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
