package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

/**
 * A node was added to the grid hierarchy.
 *
 * @param nodeId   the new node
 * @param parentId its parent, null for a district (root)
 * @param path     the materialized path of ids from the root down to and including this node,
 *                 {@code /root/.../nodeId/}; consumers use it for scope checks without asking grid-service
 * @param level    DISTRICT, STREET, COMMUNITY, GRID or RESPONSIBILITY_AREA
 */
public record GridNodeCreatedV1(String nodeId, String parentId, String path, String level, String code,
        String name) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.GRID_NODE_CREATED;
    }

    @Override
    public String aggregateId() {
        return nodeId;
    }
}
