package cn.grid.grid.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.UUID;

/** Open tickets per grid node, as known from request.events. */
@ApplicationScoped
public class RequestWorkRepository {

    private final EntityManager entityManager;

    public RequestWorkRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public long openAt(UUID nodeId) {
        return ((Number) entityManager.createNativeQuery("""
                select count(*) from request_work_view
                where grid_node_id = ?1 and status not in ('REJECTED', 'CLOSED', 'WITHDRAWN')""")
                .setParameter(1, nodeId).getSingleResult()).longValue();
    }
}
