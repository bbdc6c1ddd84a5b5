package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

/**
 * A person joined a party organisation, or left it ({@code endDate} set: the last day). Key: the organisation,
 * so one organisation's membership changes stay in order.
 */
public record PartyOrgMembershipChangedV1(String membershipId, String orgId, String personId, String personName,
        String subject, String role, String startDate, String endDate) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.PARTY_ORG_MEMBERSHIP_CHANGED;
    }

    @Override
    public String aggregateId() {
        return orgId;
    }
}
