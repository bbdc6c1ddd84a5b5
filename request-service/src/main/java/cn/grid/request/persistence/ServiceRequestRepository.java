package cn.grid.request.persistence;

import cn.grid.platform.gridview.SubtreeQuery;
import cn.grid.request.domain.ServiceRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import cn.grid.request.domain.RequestStatus;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ServiceRequestRepository implements PanacheRepositoryBase<ServiceRequest, UUID> {

    /**
     * Tickets routed into the subtree with path prefix {@code pathPrefix}, newest first, before {@code beforeId};
     * with {@code leaf}, the node has nothing below it and the exact path is matched (see GridNodeViews.isLeaf).
     */
    public List<ServiceRequest> inSubtree(String pathPrefix, boolean leaf, UUID beforeId, int limit) {
        Parameters params = Parameters.with("prefix", leaf ? pathPrefix : SubtreeQuery.likePrefix(pathPrefix));
        String query = leaf ? "gridPath = :prefix" : "gridPath like :prefix";
        if (beforeId != null) {
            query += " and id < :before";
            params = params.and("before", beforeId);
        }
        return find(query + " order by id desc", params).page(0, limit).list();
    }

    /**
     * Tickets whose running clock passed its deadline without being marked, locked for this transaction;
     * those another transaction holds are skipped (the next sweep gets them). Each branch matches one partial
     * index (V6).
     */
    public List<UUID> lockOverdueCandidates(OffsetDateTime now, int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery("""
                select id from service_request
                where (status = 'SUBMITTED' and not respond_overdue and respond_due_at < ?1)
                   or (status = 'DISPATCHED' and not sign_overdue and sign_due_at < ?1)
                   or (status in ('ACCEPTED', 'DISPATCHED', 'SIGNED', 'RETURNED', 'IN_PROGRESS', 'REOPENED')
                       and not resolve_overdue and resolve_due_at < ?1)
                limit ?2
                for update skip locked""").setParameter(1, now).setParameter(2, limit).getResultList();
        return ids;
    }

    /** Resolved tickets not rated since before {@code resolvedBefore}, locked for this transaction. */
    public List<UUID> lockUnratedSince(OffsetDateTime resolvedBefore, int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery("""
                select id from service_request where status = 'RESOLVED' and resolved_at < ?1
                limit ?2
                for update skip locked""").setParameter(1, resolvedBefore).setParameter(2, limit).getResultList();
        return ids;
    }

    /** The tickets with these ids, in one query (order not kept). */
    public List<ServiceRequest> byIds(List<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }

    /** 督办 queue: open tickets escalated to exactly this node, newest first. */
    public List<ServiceRequest> escalatedTo(UUID nodeId, UUID beforeId, int limit) {
        String query = "responsibleNodeId = ?1 and escalationLevel > 0 and status not in ?2";
        List<RequestStatus> closed = List.of(RequestStatus.REJECTED, RequestStatus.CLOSED, RequestStatus.WITHDRAWN,
                RequestStatus.RESOLVED);
        return beforeId == null
                ? find(query + " order by id desc", nodeId, closed).page(0, limit).list()
                : find(query + " and id < ?3 order by id desc", nodeId, closed, beforeId).page(0, limit).list();
    }

    /** The micro-wish board: accepted wishes waiting to be claimed in any of the subtrees, newest first. */
    public List<ServiceRequest> openWishesUnder(List<String> paths, UUID beforeId, int limit) {
        if (paths.isEmpty()) {
            return List.of();
        }
        StringBuilder query = new StringBuilder("type = :type and status = :status and (");
        Parameters params = Parameters.with("type", cn.grid.request.domain.RequestType.MICRO_WISH)
                .and("status", RequestStatus.ACCEPTED);
        for (int i = 0; i < paths.size(); i++) {
            query.append(i == 0 ? "" : " or ").append("gridPath like :p").append(i);
            params = params.and("p" + i, SubtreeQuery.likePrefix(paths.get(i)));
        }
        query.append(")");
        if (beforeId != null) {
            query.append(" and id < :before");
            params = params.and("before", beforeId);
        }
        return find(query + " order by id desc", params).page(0, limit).list();
    }

    /** A citizen's own tickets, newest first. */
    public List<ServiceRequest> reportedBy(String reporterId, UUID beforeId, int limit) {
        return beforeId == null
                ? find("reporterId = ?1 order by id desc", reporterId).page(0, limit).list()
                : find("reporterId = ?1 and id < ?2 order by id desc", reporterId, beforeId).page(0, limit).list();
    }
}
