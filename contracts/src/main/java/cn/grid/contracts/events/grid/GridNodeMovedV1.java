package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

/**
 * A node and its whole subtree moved under another parent. Every path that started with {@code oldPath}
 * now starts with {@code newPath}; consumers rewrite their copies with one prefix replacement.
 */
public record GridNodeMovedV1(String nodeId, String oldParentId, String newParentId, String oldPath,
        String newPath, String level) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.GRID_NODE_MOVED;
    }

    @Override
    public String aggregateId() {
        return nodeId;
    }
}
