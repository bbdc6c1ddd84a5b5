package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

/** A party organisation was founded, linked to the grid node it serves. */
public record PartyOrgCreatedV1(String orgId, String parentId, String orgPath, String kind, String branchType,
        String name, String gridNodeId, String gridPath) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.PARTY_ORG_CREATED;
    }

    @Override
    public String aggregateId() {
        return orgId;
    }
}
