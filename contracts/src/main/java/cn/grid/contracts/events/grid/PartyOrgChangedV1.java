package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

/** A party organisation changed (renamed, dissolved ...): the whole current state, so consumers overwrite. */
public record PartyOrgChangedV1(String orgId, String parentId, String orgPath, String kind, String branchType,
        String name, String gridNodeId, String gridPath, String status) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.PARTY_ORG_CHANGED;
    }

    @Override
    public String aggregateId() {
        return orgId;
    }
}
