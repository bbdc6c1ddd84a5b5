package cn.grid.platform.gridview;

import cn.grid.platform.events.GridNodeCreatedV1;
import cn.grid.platform.events.MalformedEventException;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
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

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(UUID eventId, GridNodeCreatedV1 created) {
        UUID nodeId = uuid(created.nodeId(), "nodeId");
        UUID parentId = created.parentId() == null ? null : uuid(created.parentId(), "parentId");
        if (created.path() == null || !created.path().endsWith("/" + nodeId + "/")) {
            throw new MalformedEventException("grid node event with a path that does not end in its node id");
        }
        entityManager.createNativeQuery("""
                insert into grid_node_view (id, parent_id, path, level, code, name, status, last_event_id, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, 'ACTIVE', ?7, now())
                on conflict (id) do update set parent_id = excluded.parent_id, path = excluded.path,
                    level = excluded.level, code = excluded.code, name = excluded.name,
                    last_event_id = excluded.last_event_id, updated_at = now()""")
                .setParameter(1, nodeId)
                .setParameter(2, parentId)
                .setParameter(3, created.path())
                .setParameter(4, created.level())
                .setParameter(5, created.code())
                .setParameter(6, created.name())
                .setParameter(7, eventId)
                .executeUpdate();
    }

    /** The node as this service knows it, or a 400 naming {@code field} when it has never heard of it. */
    public GridNodeSnapshot require(UUID id, String field) {
        return find(id).orElseThrow(() -> DomainProblem.invalid(field, "grid node " + id + " is not known"));
    }

    /** The node for a caller who may see it: 404 when unknown, 403 when outside the caller's scope. */
    public GridNodeSnapshot get(UUID id, Caller caller) {
        GridNodeSnapshot node = find(id).orElseThrow(() -> DomainProblem.notFound("grid node", id));
        caller.requireScope(node.path(), "grid node " + id);
        return node;
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
