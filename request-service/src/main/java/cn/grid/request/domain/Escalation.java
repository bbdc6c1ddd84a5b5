package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.UUID;

/**
 * 督办/吹哨报到: the node answering for the ticket — the grid it was routed to until it is escalated, then each
 * level up the tree — how many levels above the routed grid that is, and whether its category escalates on its
 * own when a clock runs out.
 *
 * @param responsibleNodeId null while the ticket waits in the community queue
 */
@Embeddable
public record Escalation(
        @Column(name = "responsible_node_id") UUID responsibleNodeId,
        @Column(name = "responsible_path") String responsiblePath,
        @Column(name = "escalation_level") int level,
        @Column(name = "auto_escalate") boolean autoEscalate) {

    /** Not escalated: whoever holds {@code grid} (null: the community queue) answers for it. */
    public static Escalation at(GridPlace grid, boolean autoEscalate) {
        return grid == null ? new Escalation(null, null, 0, autoEscalate)
                : new Escalation(grid.nodeId(), grid.path(), 0, autoEscalate);
    }

    public boolean escalated() {
        return level > 0;
    }

    /** The ticket moved to another grid: not escalated, that grid answers; escalated, the higher level keeps it. */
    public Escalation movedTo(GridPlace grid) {
        return escalated() ? this : new Escalation(grid.nodeId(), grid.path(), 0, autoEscalate);
    }

    /**
     * One level up, to {@code parent} of the responsible node (null: it is at the top). 409 in the community
     * queue or at the top; {@code ticketId} names the ticket in the refusal.
     */
    public Escalation up(GridPlace parent, UUID ticketId) {
        if (responsibleNodeId == null) {
            throw DomainProblem.conflict("request " + ticketId + " waits in the community queue; dispatch it to a "
                    + "grid before escalating it");
        }
        if (parent == null) {
            throw DomainProblem.conflict("request " + ticketId + " is already answered for at the top of the tree");
        }
        return new Escalation(parent.nodeId(), parent.path(), level + 1, autoEscalate);
    }
}
