package cn.grid.grid.domain;

import cn.grid.platform.geo.Area;
import cn.grid.platform.geo.GeoJson;
import cn.grid.platform.problem.ProblemType;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static cn.grid.grid.domain.GridTreeTest.assertProblem;

/** Where a boundary may lie relative to its parent, siblings and children (plane geometry, no database). */
class BoundaryPlacementTest {

    /** The axis-aligned square [x0, x1] × [y0, y1] as a GeoJSON polygon (built as a tree: no ObjectMapper to start). */
    static Area square(double x0, double y0, double x1, double y1) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ArrayNode ring = json.arrayNode();
        double[][] corners = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
        for (double[] corner : corners) {
            ring.addArray().add(corner[0]).add(corner[1]);
        }
        ObjectNode polygon = json.objectNode().put("type", "Polygon");
        polygon.putArray("coordinates").add(ring);
        return GeoJson.read(polygon);
    }

    final UUID parent = UUID.randomUUID();
    final UUID sibling = UUID.randomUUID();
    final UUID child = UUID.randomUUID();
    final Area parentArea = square(0, 0, 10, 10);

    @Test
    void insideTheParentBesideASiblingAroundItsChildrenFits() {
        BoundaryPlacement.check(square(0, 0, 5, 5), parent, parentArea,
                List.of(new BoundaryPlacement.Placed(sibling, square(5, 0, 10, 5))),   // shared border only
                List.of(new BoundaryPlacement.Placed(child, square(1, 1, 2, 2))));
        // a root, or a parent without a boundary, takes any valid boundary
        BoundaryPlacement.check(square(50, 50, 60, 60), null, null, List.of(), List.of());
        BoundaryPlacement.check(square(50, 50, 60, 60), parent, null, List.of(), List.of());
    }

    @Test
    void leavingTheParentIsRefusedNamingIt() {
        assertProblem(() -> BoundaryPlacement.check(square(8, 8, 12, 12), parent, parentArea, List.of(), List.of()),
                ProblemType.CONFLICT, "the boundary leaves the boundary of parent node " + parent);
    }

    @Test
    void overlappingASiblingIsRefusedNamingIt() {
        assertProblem(() -> BoundaryPlacement.check(square(0, 0, 6, 5), parent, parentArea,
                        List.of(new BoundaryPlacement.Placed(sibling, square(5, 0, 10, 5))), List.of()),
                ProblemType.CONFLICT, "the boundary overlaps the boundary of sibling node " + sibling);
    }

    @Test
    void shrinkingAwayFromAChildIsRefusedNamingIt() {
        assertProblem(() -> BoundaryPlacement.check(square(0, 0, 3, 3), parent, parentArea, List.of(),
                        List.of(new BoundaryPlacement.Placed(child, square(2, 2, 4, 4)))),
                ProblemType.CONFLICT, "child node " + child + " would lie outside the new boundary");
    }
}
