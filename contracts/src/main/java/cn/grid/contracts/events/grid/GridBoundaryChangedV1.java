package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A node's boundary was set or replaced. {@code geometry} is the GeoJSON Polygon/MultiPolygon as validated by
 * grid-service; {@code bbox} is [minLon, minLat, maxLon, maxLat]; {@code version} orders replacements.
 */
public record GridBoundaryChangedV1(String nodeId, String nodePath, long version, JsonNode geometry,
        List<Double> bbox) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.GRID_BOUNDARY_CHANGED;
    }

    @Override
    public String aggregateId() {
        return nodeId;
    }
}
