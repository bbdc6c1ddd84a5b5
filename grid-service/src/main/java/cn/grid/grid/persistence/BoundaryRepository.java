package cn.grid.grid.persistence;

import cn.grid.platform.time.SqlTimestamps;
import cn.grid.platform.geo.Area;
import cn.grid.platform.geo.BoundaryLocator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Boundaries by node, with the bounding-box index that pre-filters `locate`. */
@ApplicationScoped
public class BoundaryRepository {

    /** A stored boundary. */
    public record StoredBoundary(UUID nodeId, String geometry, long version, OffsetDateTime updatedAt) {
    }

    private final EntityManager entityManager;

    public BoundaryRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<StoredBoundary> find(UUID nodeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select node_id, geometry, version, updated_at from grid_boundary where node_id = ?1")
                .setParameter(1, nodeId).getResultList();
        return rows.stream().findFirst().map(r -> new StoredBoundary((UUID) r[0], (String) r[1],
                ((Number) r[2]).longValue(), SqlTimestamps.offsetDateTime(r[3])));
    }

    /** Inserts or replaces; returns the new version. */
    public long save(UUID nodeId, String geometry, Area.BoundingBox box, int positions) {
        return ((Number) entityManager.createNativeQuery("""
                insert into grid_boundary (node_id, geometry, bbox, positions, version, updated_at)
                values (?1, ?2, box(point(?3, ?4), point(?5, ?6)), ?7, 0, now())
                on conflict (node_id) do update set geometry = excluded.geometry, bbox = excluded.bbox,
                    positions = excluded.positions, version = grid_boundary.version + 1, updated_at = now()
                returning version""")
                .setParameter(1, nodeId).setParameter(2, geometry)
                .setParameter(3, box.minLon()).setParameter(4, box.minLat())
                .setParameter(5, box.maxLon()).setParameter(6, box.maxLat())
                .setParameter(7, positions)
                .getSingleResult()).longValue();
    }

    /** Active nodes whose boundary box holds the point, deepest first. */
    public List<BoundaryLocator.Candidate> candidates(double lon, double lat) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select b.node_id, b.version, b.geometry from grid_boundary b join grid_node n on n.id = b.node_id
                where b.bbox @> box(point(?1, ?2), point(?1, ?2)) and n.status = 'ACTIVE'
                order by n.depth desc""")
                .setParameter(1, lon).setParameter(2, lat).getResultList();
        return rows.stream().map(r -> new BoundaryLocator.Candidate((UUID) r[0], ((Number) r[1]).longValue(),
                (String) r[2])).toList();
    }

    /** The stored boundaries of these nodes (siblings or children of a node whose boundary changes). */
    public List<StoredBoundary> ofNodes(List<UUID> nodeIds) {
        if (nodeIds.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select node_id, geometry, version, updated_at from grid_boundary where node_id = any(?1)")
                .setParameter(1, nodeIds.toArray(new UUID[0])).getResultList();
        return rows.stream().map(r -> new StoredBoundary((UUID) r[0], (String) r[1], ((Number) r[2]).longValue(),
                SqlTimestamps.offsetDateTime(r[3]))).toList();
    }

}
