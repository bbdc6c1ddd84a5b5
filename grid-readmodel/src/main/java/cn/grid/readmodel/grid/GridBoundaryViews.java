package cn.grid.readmodel.grid;

import cn.grid.contracts.events.grid.GridBoundaryChangedV1;
import cn.grid.platform.events.MalformedEventException;
import cn.grid.platform.geo.BoundaryLocator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The service's local copy of node boundaries ({@code grid_boundary_view}) and {@link #locate}: the deepest
 * active known node whose boundary contains a point — routing without a call to grid-service.
 */
@ApplicationScoped
public class GridBoundaryViews {

    private final EntityManager entityManager;
    private final BoundaryLocator locator;

    public GridBoundaryViews(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.locator = new BoundaryLocator(mapper, 50_000);
    }

    /** A newer boundary replaces an older one; an older one arriving late changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventStamp stamp, GridBoundaryChangedV1 e) {
        List<Double> box = e.bbox();
        if (e.geometry() == null || box == null || box.size() != 4 || box.contains(null)) {
            throw new MalformedEventException("boundary event without geometry or a 4-number bbox");
        }
        UUID nodeId;
        try {
            nodeId = UUID.fromString(e.nodeId());
        } catch (RuntimeException ex) {
            throw new MalformedEventException("boundary event with an invalid nodeId: " + e.nodeId());
        }
        entityManager.createNativeQuery("""
                insert into grid_boundary_view (node_id, geometry, bbox, version, last_event_id)
                values (?1, ?2, box(point(?3, ?4), point(?5, ?6)), ?7, ?8)
                on conflict (node_id) do update set geometry = excluded.geometry, bbox = excluded.bbox,
                    version = excluded.version, last_event_id = excluded.last_event_id
                where grid_boundary_view.version <= excluded.version""")
                .setParameter(1, nodeId).setParameter(2, e.geometry().toString())
                .setParameter(3, box.get(0)).setParameter(4, box.get(1))
                .setParameter(5, box.get(2)).setParameter(6, box.get(3))
                .setParameter(7, e.version()).setParameter(8, stamp.id())
                .executeUpdate();
    }

    /** The deepest active node (as known here) whose boundary contains the point. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UUID> locate(double lat, double lon) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select b.node_id, b.version, b.geometry from grid_boundary_view b
                join grid_node_view n on n.id = b.node_id
                where b.bbox @> box(point(?1, ?2), point(?1, ?2)) and n.status = 'ACTIVE'
                order by length(n.path) desc""")
                .setParameter(1, lon).setParameter(2, lat).getResultList();
        return locator.firstContaining(rows.stream().map(r -> new BoundaryLocator.Candidate((UUID) r[0],
                ((Number) r[1]).longValue(), (String) r[2])).toList(), lon, lat);
    }
}
