package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.util.List;

/**
 * A team was formed or its members changed: the whole current state (active members included), so consumers
 * overwrite. {@code version} orders snapshots; an older one than already applied is ignored.
 */
public record TeamChangedV1(String teamId, String kind, String name, String gridNodeId, String gridPath,
        String status, long version, List<Member> members) implements IntegrationEvent {

    public record Member(String personId, String personName, String subject, String role) {
    }

    @Override
    public String eventType() {
        return EventTypes.TEAM_CHANGED;
    }

    @Override
    public String aggregateId() {
        return teamId;
    }
}
