package cn.grid.request.persistence;

import cn.grid.platform.tree.SubtreeQuery;
import cn.grid.request.domain.ServiceRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import cn.grid.request.domain.RequestStatus;
import cn.grid.request.domain.TicketFilter;
import cn.grid.request.domain.TicketScope;
import cn.grid.request.domain.TicketSort;
import jakarta.persistence.Query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class ServiceRequestRepository implements PanacheRepositoryBase<ServiceRequest, UUID> {

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
        String query = "escalation.responsibleNodeId = ?1 and escalation.level > 0 and status not in ?2";
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

    /**
     * One page of a ticket list: the tickets in {@code scope} that pass {@code filter}, in {@code sort} order,
     * after {@code after} (keyset on (sort key, id)), at most {@code limit}.
     *
     * <p>Native SQL, so that the plan is the one the V1/V8 indexes were made for: statuses are written as
     * literals (enum names, never user text), which lets PostgreSQL prove that a status filter falls inside a
     * partial index's statuses whatever plan it caches; the keyset is a row comparison in index order.
     * Besides those enum names, every value the client gave is a bound parameter.
     */
    public List<ServiceRequest> page(TicketScope scope, TicketFilter filter, TicketSort sort,
            TicketSort.Position after, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (scope instanceof TicketScope.ReportedBy reporter) {
            where.add("reporter_id = :reporter");
            params.put("reporter", reporter.subject());
        } else if (scope instanceof TicketScope.Subtree subtree) {
            where.add(subtree.leaf() ? "grid_path = :path" : "grid_path like :path");
            params.put("path", subtree.leaf() ? subtree.path() : SubtreeQuery.likePrefix(subtree.path()));
        } else if (scope instanceof TicketScope.Reach reach) {
            List<String> any = new ArrayList<>(List.of("reporter_id = :reporter"));
            params.put("reporter", reach.reporter());
            for (int i = 0; i < reach.paths().size(); i++) {
                any.add("grid_path like :reach" + i);
                params.put("reach" + i, SubtreeQuery.likePrefix(reach.paths().get(i)));
            }
            where.add("(" + String.join(" or ", any) + ")");
        } else if (scope instanceof TicketScope.Everything) {
            where.add("true");
        } else {
            throw new IllegalArgumentException("unknown scope " + scope);
        }
        if (!filter.statuses().isEmpty()) {
            where.add("status in (" + filter.statuses().stream().sorted().map(s -> "'" + s.name() + "'")
                    .collect(Collectors.joining(", ")) + ")");
        }
        if (filter.type() != null) {
            where.add("type = :type");
            params.put("type", filter.type().name());
        }
        if (filter.category() != null) {
            where.add("category_code = :category");
            params.put("category", filter.category());
        }
        if (filter.assignee() != null) {
            params.put("assignee", List.copyOf(filter.assignee().ids()));
            where.add(filter.assignee().team()
                    ? "(dispatch_target_type = 'TEAM' and dispatch_target_id in (:assignee))"
                    : "((dispatch_target_type = 'PERSON' and dispatch_target_id in (:assignee)) "
                            + "or assignee in (:assignee))");
        }
        if (filter.overdue() != null) {
            where.add((filter.overdue() ? "" : "not ") + "(respond_overdue or sign_overdue or resolve_overdue)");
        }
        if (filter.submittedFrom() != null) {
            where.add("submitted_at >= :from");
            params.put("from", filter.submittedFrom());
        }
        if (filter.submittedTo() != null) {
            where.add("submitted_at <= :to");
            params.put("to", filter.submittedTo());
        }
        String direction = sort.descending() ? "desc" : "asc";
        String order;
        if (sort.column() == null) {
            order = "id " + direction;
            if (after != null) {
                where.add("id " + (sort.descending() ? "<" : ">") + " :afterId");
                params.put("afterId", after.id());
            }
        } else {
            order = sort.column() + " " + direction + ", id " + direction;
            if (after != null) {
                where.add("(" + sort.column() + ", id) " + (sort.descending() ? "<" : ">") + " (:afterValue, :afterId)");
                params.put("afterValue", after.value());
                params.put("afterId", after.id());
            }
        }
        // ids first, then the rows: the page's ids often come from an index alone (V8's include grid_path and
        // due_at), so only the rows shown are read from the table
        Query query = getEntityManager().createNativeQuery("select * from service_request where id in ("
                + "select id from service_request where " + String.join(" and ", where) + " order by " + order
                + " limit :limit) order by " + order, ServiceRequest.class);
        params.forEach(query::setParameter);
        query.setParameter("limit", limit);
        @SuppressWarnings("unchecked")
        List<ServiceRequest> rows = query.getResultList();
        return rows;
    }
}
