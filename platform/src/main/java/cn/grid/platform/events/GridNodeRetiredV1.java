package cn.grid.platform.events;

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
