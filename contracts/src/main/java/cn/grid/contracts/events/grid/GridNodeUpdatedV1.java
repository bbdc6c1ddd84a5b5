package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

/** A node's name or counts changed (its place in the tree did not). */
public record GridNodeUpdatedV1(String nodeId, String path, String level, String code, String name,
        Integer households, Integer residents) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.GRID_NODE_UPDATED;
    }

    @Override
    public String aggregateId() {
        return nodeId;
    }
}
