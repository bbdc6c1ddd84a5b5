package cn.grid.readmodel.grid;

import cn.grid.contracts.events.grid.GridNodeCreatedV1;
import cn.grid.contracts.events.grid.GridNodeMovedV1;
import cn.grid.contracts.events.grid.GridNodeRetiredV1;
import cn.grid.contracts.events.grid.GridNodeUpdatedV1;
import cn.grid.platform.events.MalformedEventException;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.tree.SubtreeQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The service's local copy of the grid hierarchy ({@code grid_node_view}), kept by {@link GridNodeViewConsumer}.
 * Routing and scope checks read it instead of calling grid-service on the hot path.
 */
@ApplicationScoped
public class GridNodeViews {

    private final EntityManager entityManager;

    public GridNodeViews(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * A node is created, or its create replayed. Its path is its parent's path as known here (when the parent is
     * known) and its own id: a parent moved after the child's creation but applied first cannot leave the child
     * under the old path. An older event than the row's last leaves the row alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventStamp stamp, GridNodeCreatedV1 created) {
        UUID nodeId = uuid(created.nodeId(), "nodeId");
        UUID parentId = created.parentId() == null ? null : uuid(created.parentId(), "parentId");
        if (created.path() == null || !created.path().endsWith("/" + nodeId + "/")) {
            throw new MalformedEventException("grid node event with a path that does not end in its node id");
        }
        entityManager.createNativeQuery("""
                insert into grid_node_view (id, parent_id, path, level, code, name, status, last_event_id,
                    last_sequence, updated_at)
                values (?1, ?2, coalesce((select p.path || cast(?1 as text) || '/' from grid_node_view p
                                          where p.id = ?2), ?3),
                        ?4, ?5, ?6, 'ACTIVE', ?7, cast(?8 as bigint), now())
                on conflict (id) do update set parent_id = excluded.parent_id, path = excluded.path,
                    level = excluded.level, code = excluded.code, name = excluded.name,
                    last_event_id = excluded.last_event_id, last_sequence = %s, updated_at = now()
                where %s""".formatted(EventStamp.nextSequence("grid_node_view", 8),
                        EventStamp.isNewer("grid_node_view", 8)))
                .setParameter(1, nodeId)
                .setParameter(2, parentId)
                .setParameter(3, created.path())
                .setParameter(4, created.level())
                .setParameter(5, created.code())
                .setParameter(6, created.name())
                .setParameter(7, stamp.id())
                .setParameter(8, stamp.sequence())
                .executeUpdate();
    }

    /**
     * An active node to route, assign or record something at: a 400 naming {@code field} when this service has
     * never heard of it, a 409 when it is retired.
     */
    public GridNodeSnapshot require(UUID id, String field) {
        GridNodeSnapshot node = find(id)
                .orElseThrow(() -> DomainProblem.invalid(field, "grid node " + id + " is not known"));
        if (!"ACTIVE".equals(node.status())) {
            throw DomainProblem.conflict("grid node " + id + " is retired");
        }
        return node;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventStamp stamp, GridNodeUpdatedV1 updated) {
        entityManager.createNativeQuery("""
                update grid_node_view set code = ?2, name = ?3, last_event_id = ?4, last_sequence = %s,
                    updated_at = now()
                where id = ?1 and %s""".formatted(EventStamp.nextSequence("grid_node_view", 5),
                        EventStamp.isNewer("grid_node_view", 5)))
                .setParameter(1, uuid(updated.nodeId(), "nodeId"))
                .setParameter(2, updated.code())
                .setParameter(3, updated.name())
                .setParameter(4, stamp.id())
                .setParameter(5, stamp.sequence())
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventStamp stamp, GridNodeRetiredV1 retired) {
        entityManager.createNativeQuery("""
                update grid_node_view set status = 'RETIRED', last_event_id = ?2, last_sequence = %s,
                    updated_at = now()
                where id = ?1 and %s""".formatted(EventStamp.nextSequence("grid_node_view", 3),
                        EventStamp.isNewer("grid_node_view", 3)))
                .setParameter(1, uuid(retired.nodeId(), "nodeId"))
                .setParameter(2, stamp.id())
                .setParameter(3, stamp.sequence())
                .executeUpdate();
    }

    /**
     * Moves the node's subtree: one prefix replacement over the read model and over every column listed in
     * {@code pathColumns} (the service's own copies of grid paths, e.g. {@code service_request.grid_path}).
     *
     * <p>The prefix replaced is the node's path as known here, and the new one is the new parent's path as known
     * here plus the node's id (the event's paths when the node or the parent is not known): an ancestor's move
     * applied before or after this one still leaves every path right. A move older than the node's last applied
     * event changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventStamp stamp, GridNodeMovedV1 moved, List<String> pathColumns) {
        UUID nodeId = uuid(moved.nodeId(), "nodeId");
        if (moved.oldPath() == null || moved.newPath() == null || !moved.oldPath().endsWith("/" + nodeId + "/")
                || !moved.newPath().endsWith("/" + nodeId + "/")) {
            throw new MalformedEventException("grid node move without consistent old and new paths");
        }
        UUID newParentId = moved.newParentId() == null ? null : uuid(moved.newParentId(), "newParentId");
        @SuppressWarnings("unchecked")
        List<Object[]> current = entityManager.createNativeQuery("""
                select n.path, %s, (select p.path from grid_node_view p where p.id = ?2)
                from grid_node_view n where n.id = ?1 for update of n""".formatted(EventStamp.isNewer("n", 3)))
                .setParameter(1, nodeId)
                .setParameter(2, newParentId)
                .setParameter(3, stamp.sequence())
                .getResultList();
        String oldPath = moved.oldPath();
        String newPath = moved.newPath();
        if (!current.isEmpty()) {
            Object[] row = current.get(0);
            if (!(Boolean) row[1]) {
                return;
            }
            oldPath = (String) row[0];
            if (row[2] != null) {
                newPath = row[2] + nodeId.toString() + "/";
            }
        }
        entityManager.createNativeQuery("""
                update grid_node_view set parent_id = ?2, last_event_id = ?3, last_sequence = %s, updated_at = now()
                where id = ?1""".formatted(EventStamp.nextSequence("grid_node_view", 4)))
                .setParameter(1, nodeId)
                .setParameter(2, newParentId)
                .setParameter(3, stamp.id())
                .setParameter(4, stamp.sequence())
                .executeUpdate();
        if (oldPath.equals(newPath)) {
            return;
        }
        rewritePrefix("grid_node_view.path", oldPath, newPath);
        for (String copy : List.of("grid_assignment_view.node_path", "party_org_view.grid_path", "team_view.grid_path")) {
            rewritePrefix(copy, oldPath, newPath);
        }
        for (String column : pathColumns) {
            rewritePrefix(column, oldPath, newPath);
        }
    }

    private void rewritePrefix(String tableColumn, String oldPath, String newPath) {
        SubtreeQuery.rewritePrefix(entityManager, tableColumn, oldPath, newPath);
    }

    /** The node for a caller who may see it: 404 when unknown, 403 when outside the caller's scope. */
    public GridNodeSnapshot get(UUID id, Caller caller) {
        GridNodeSnapshot node = find(id).orElseThrow(() -> DomainProblem.notFound("grid node", id));
        caller.requireScope(node.path(), "grid node " + id);
        return node;
    }

    /**
     * Whether no known node sits below this one. Rows that carry a node's path can then be matched by equality,
     * which an index on (path, id) serves in id order; a LIKE prefix range cannot, and at a small share of a
     * large table the planner walks the primary key instead (bench/request: 5-13 ms a page at 1M tickets).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isLeaf(GridNodeSnapshot node) {
        return !(Boolean) entityManager.createNativeQuery(
                        "select exists (select 1 from grid_node_view where path like ?1 and path <> ?2)")
                .setParameter(1, SubtreeQuery.likePrefix(node.path())).setParameter(2, node.path())
                .getSingleResult();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<GridNodeSnapshot> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, parent_id, path, level, code, name, status from grid_node_view where id = ?1""")
                .setParameter(1, id)
                .getResultList();
        return rows.stream().findFirst().map(r -> new GridNodeSnapshot((UUID) r[0], (UUID) r[1], (String) r[2],
                (String) r[3], (String) r[4], (String) r[5], (String) r[6]));
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (RuntimeException e) {
            throw new MalformedEventException("grid node event with an invalid " + field + ": " + value);
        }
    }
}
