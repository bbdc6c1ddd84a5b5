package cn.grid.grid.app;

import cn.grid.grid.domain.BoundaryPlacement;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.messaging.GridEventPublisher;
import cn.grid.grid.persistence.BoundaryRepository;
import cn.grid.grid.persistence.GridNodeRepository;
import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.geo.Area;
import cn.grid.platform.geo.BoundaryLocator;
import cn.grid.platform.geo.GeoJson;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * Node boundaries: a valid GeoJSON (multi)polygon inside the parent's boundary and overlapping no sibling's,
 * and the children's boundaries still inside it; and {@code locate}, the deepest active node containing a point.
 */
@ApplicationScoped
public class BoundaryService {

    /** A boundary as stored, with its node. */
    public record Boundary(UUID nodeId, JsonNode geometry, long version) {
    }

    private final BoundaryRepository boundaries;
    private final GridNodeRepository nodes;
    private final GridEventPublisher events;
    private final ObjectMapper mapper;
    private final BoundaryLocator locator;

    public BoundaryService(BoundaryRepository boundaries, GridNodeRepository nodes, GridEventPublisher events,
            ObjectMapper mapper) {
        this.boundaries = boundaries;
        this.nodes = nodes;
        this.events = events;
        this.mapper = mapper;
        this.locator = new BoundaryLocator(mapper, 50_000);
    }

    /**
     * Sets or replaces a node's boundary. Replacing needs the current boundary's version ({@code If-Match});
     * the first boundary of a node needs none.
     */
    @Transactional
    public Boundary put(UUID nodeId, String ifMatch, JsonNode geometry, Caller caller) {
        GridNode node = nodes.findByIdOptional(nodeId).orElseThrow(() -> DomainProblem.notFound("grid node", nodeId));
        caller.requireStaffOver(node.path(), "grid node " + nodeId);
        var existing = boundaries.find(nodeId);
        if (existing.isPresent()) {
            IfMatch.check(IfMatch.version(ifMatch), existing.get().version(), "boundary of " + nodeId);
        }
        Area area = GeoJson.read(geometry);
        Area parentArea = null;
        List<BoundaryPlacement.Placed> siblings = List.of();
        if (node.parentId() != null) {
            parentArea = boundaries.find(node.parentId()).map(parent -> parse(parent.geometry())).orElse(null);
            siblings = placed(boundaries.ofNodes(nodes.siblingIds(node.parentId(), nodeId)));
        }
        BoundaryPlacement.check(area, node.parentId(), parentArea, siblings,
                placed(boundaries.ofNodes(nodes.childIds(nodeId))));
        String stored = geometry.toString();
        long version = boundaries.save(nodeId, stored, area.boundingBox(), positions(area));
        events.boundaryChanged(node, version, geometry, area.boundingBox());
        return new Boundary(nodeId, geometry, version);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Boundary get(UUID nodeId, Caller caller) {
        GridNode node = nodes.findByIdOptional(nodeId).orElseThrow(() -> DomainProblem.notFound("grid node", nodeId));
        // a boundary is public (citizens locate themselves with it); staff read within their reach
        if (!caller.hasRole(cn.grid.platform.security.Roles.CITIZEN)) {
            caller.requireScope(node.path(), "grid node " + nodeId);
        }
        BoundaryRepository.StoredBoundary stored = boundaries.find(nodeId)
                .orElseThrow(() -> DomainProblem.notFound("boundary of grid node", nodeId));
        return new Boundary(nodeId, tree(stored.geometry()), stored.version());
    }

    /** The deepest active node whose boundary contains the point; 404 when no boundary does. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public GridNode locate(double lat, double lon) {
        UUID nodeId = locator.firstContaining(boundaries.candidates(lon, lat), lon, lat)
                .orElseThrow(() -> new DomainProblem(cn.grid.platform.problem.ProblemType.NOT_FOUND,
                        "no grid boundary contains " + lat + ", " + lon));
        return nodes.findById(nodeId);
    }

    private List<BoundaryPlacement.Placed> placed(List<BoundaryRepository.StoredBoundary> stored) {
        return stored.stream().map(b -> new BoundaryPlacement.Placed(b.nodeId(), parse(b.geometry()))).toList();
    }

    private Area parse(String geometry) {
        return GeoJson.readTrusted(tree(geometry));
    }

    private JsonNode tree(String geometry) {
        try {
            return mapper.readTree(geometry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int positions(Area area) {
        return area.polygons().stream().mapToInt(polygon -> polygon.shell().x().length
                + polygon.holes().stream().mapToInt(hole -> hole.x().length).sum()).sum();
    }
}
