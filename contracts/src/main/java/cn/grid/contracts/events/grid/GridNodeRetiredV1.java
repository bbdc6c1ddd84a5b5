package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

/** A node was retired: nothing new may be routed, assigned or recorded there. */
public record GridNodeRetiredV1(String nodeId, String path, String reason) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.GRID_NODE_RETIRED;
    }

    @Override
    public String aggregateId() {
        return nodeId;
    }
}
