package cn.grid.request.persistence;

import cn.grid.platform.tree.SubtreeQuery;
import cn.grid.request.domain.RequestStatus;
import cn.grid.request.domain.ServiceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The reads and the one write of the Open311 face that the JSON API's repository does not need. */
@ApplicationScoped
public class Open311RequestRepository {

    /**
     * Whose tickets a search may see — exactly one of: those filed with an api key, those a subject reported,
     * those routed into a subtree (its path), or all of them ({@link #everything()}).
     */
    public record Visible(UUID apiKeyId, String reporterId, String subtreePath, boolean all) {

        public static Visible filedWith(UUID apiKeyId) {
            return new Visible(apiKeyId, null, null, false);
        }

        public static Visible reportedBy(String reporterId) {
            return new Visible(null, reporterId, null, false);
        }

        public static Visible inSubtree(String path) {
            return new Visible(null, null, path, false);
        }

        public static Visible everything() {
            return new Visible(null, null, null, true);
        }
    }

    /**
     * A search: {@code ids} when given (then nothing else narrows it, as GeoReport v2 says), otherwise the
     * category, the submission window and the statuses; null means "any".
     */
    public record Search(Visible visible, List<UUID> ids, String categoryCode, OffsetDateTime from,
            OffsetDateTime to, Set<RequestStatus> statuses, int limit) {
    }

    private final EntityManager entityManager;

    public Open311RequestRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the api key that filed a ticket; the ticket row was just inserted in this transaction. */
    public void recordApiKey(UUID requestId, UUID apiKeyId) {
        entityManager.flush();
        entityManager.createNativeQuery("update service_request set open311_key_id = ?1 where id = ?2 "
                        + "and open311_key_id is null")
                .setParameter(1, apiKeyId).setParameter(2, requestId).executeUpdate();
    }

    /** Newest first, at most {@code limit}; each filter column has an index leading with it (see V1, V7). */
    public List<ServiceRequest> search(Search search) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        Visible visible = search.visible();
        if (visible.apiKeyId() != null) {
            where.append(" and r.open311KeyId = :key");
            params.put("key", visible.apiKeyId());
        } else if (visible.reporterId() != null) {
            where.append(" and r.reporterId = :reporter");
            params.put("reporter", visible.reporterId());
        } else if (visible.subtreePath() != null) {
            where.append(" and r.gridPath like :prefix");
            params.put("prefix", SubtreeQuery.likePrefix(visible.subtreePath()));
        } else if (!visible.all()) {
            return List.of();
        }
        if (search.ids() != null) {
            if (search.ids().isEmpty()) {
                return List.of();
            }
            where.append(" and r.id in :ids");
            params.put("ids", search.ids());
        } else {
            if (search.categoryCode() != null) {
                where.append(" and r.categoryCode = :code");
                params.put("code", search.categoryCode());
            }
            if (search.from() != null) {
                where.append(" and r.submittedAt >= :from");
                params.put("from", search.from());
            }
            if (search.to() != null) {
                where.append(" and r.submittedAt <= :to");
                params.put("to", search.to());
            }
            if (search.statuses() != null) {
                where.append(" and r.status in :statuses");
                params.put("statuses", new ArrayList<>(search.statuses()));
            }
        }
        TypedQuery<ServiceRequest> query = entityManager.createQuery(
                "select r from ServiceRequest r where " + where + " order by r.id desc", ServiceRequest.class);
        params.forEach(query::setParameter);
        return query.setMaxResults(search.limit()).getResultList();
    }
}
