package cn.grid.grid.domain;

import cn.grid.platform.geo.Area;
import cn.grid.platform.problem.DomainProblem;

import java.util.List;
import java.util.UUID;

/**
 * Where a node's boundary may lie: inside its parent's boundary (when the parent has one), overlapping no sibling's
 * (a shared border is no overlap), and still holding every child's boundary. The first breach is refused with a 409
 * naming the node it concerns.
 */
public final class BoundaryPlacement {

    /** The boundary of another node, by its id. */
    public record Placed(UUID nodeId, Area area) {
    }

    private BoundaryPlacement() {
    }

    /**
     * @param parentId   the node's parent, null for a root
     * @param parentArea the parent's boundary, null when it has none (then anything fits)
     */
    public static void check(Area area, UUID parentId, Area parentArea, List<Placed> siblings, List<Placed> children) {
        if (parentArea != null && !area.within(parentArea)) {
            throw DomainProblem.conflict("the boundary leaves the boundary of parent node " + parentId);
        }
        for (Placed sibling : siblings) {
            if (area.overlaps(sibling.area())) {
                throw DomainProblem.conflict("the boundary overlaps the boundary of sibling node " + sibling.nodeId());
            }
        }
        for (Placed child : children) {
            if (!child.area().within(area)) {
                throw DomainProblem.conflict("child node " + child.nodeId() + " would lie outside the new boundary");
            }
        }
    }
}
