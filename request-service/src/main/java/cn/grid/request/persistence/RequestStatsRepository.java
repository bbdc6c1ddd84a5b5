package cn.grid.request.persistence;

import cn.grid.platform.tree.SubtreeQuery;
import cn.grid.request.domain.CategoryCount;
import cn.grid.request.domain.SlaTotals;
import cn.grid.request.domain.StageTimes;
import cn.grid.request.domain.StatsGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.List;

/** Aggregates over the tickets submitted into a subtree during a period. */
@ApplicationScoped
public class RequestStatsRepository {

    private final EntityManager entityManager;

    public RequestStatsRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public List<StatsGroup> groups(String gridPath, OffsetDateTime from, OffsetDateTime to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select type, status, count(*), count(resolved_at), count(rating), count(*) filter (where rating >= 3)
                from service_request
                where grid_path like ?1 and submitted_at >= ?2 and submitted_at < ?3
                group by type, status order by type, status""")
                .setParameter(1, SubtreeQuery.likePrefix(gridPath)).setParameter(2, from).setParameter(3, to)
                .getResultList();
        return rows.stream().map(r -> new StatsGroup((String) r[0], (String) r[1], n(r[2]), n(r[3]), n(r[4]), n(r[5])))
                .toList();
    }

    public StageTimes stageTimes(String gridPath, OffsetDateTime from, OffsetDateTime to) {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select avg(extract(epoch from f.accepted - r.submitted_at)),
                       avg(extract(epoch from f.taken - r.submitted_at)),
                       avg(extract(epoch from f.resolved - r.submitted_at))
                from service_request r
                cross join lateral (
                    select min(at) filter (where action = 'ACCEPT') as accepted,
                           min(at) filter (where action in ('SIGN', 'CLAIM')) as taken,
                           min(at) filter (where action = 'RESOLVE') as resolved
                    from request_transition t where t.request_id = r.id) f
                where r.grid_path like ?1 and r.submitted_at >= ?2 and r.submitted_at < ?3""")
                .setParameter(1, SubtreeQuery.likePrefix(gridPath)).setParameter(2, from).setParameter(3, to)
                .getSingleResult();
        return new StageTimes(d(row[0]), d(row[1]), d(row[2]));
    }

    public SlaTotals slaTotals(String gridPath, OffsetDateTime from, OffsetDateTime to) {
        Object[] r = (Object[]) entityManager.createNativeQuery("""
                select count(responded_at), count(*) filter (where responded_at is not null and not responded_late),
                       count(signed_at), count(*) filter (where signed_at is not null and not signed_late),
                       count(resolved_at), count(*) filter (where resolved_at is not null and not resolved_late),
                       count(*) filter (where escalation_level > 0),
                       count(*) filter (where respond_overdue or sign_overdue or resolve_overdue)
                from service_request
                where grid_path like ?1 and submitted_at >= ?2 and submitted_at < ?3""")
                .setParameter(1, SubtreeQuery.likePrefix(gridPath)).setParameter(2, from).setParameter(3, to)
                .getSingleResult();
        return new SlaTotals(n(r[0]), n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]), n(r[7]));
    }

    /** The categories asked for most, most first. */
    public List<CategoryCount> topCategories(String gridPath, OffsetDateTime from, OffsetDateTime to, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select r.category_code, c.name, count(*)
                from service_request r join request_category c on c.code = r.category_code
                where r.grid_path like ?1 and r.submitted_at >= ?2 and r.submitted_at < ?3
                group by r.category_code, c.name order by count(*) desc, r.category_code limit ?4""")
                .setParameter(1, SubtreeQuery.likePrefix(gridPath)).setParameter(2, from).setParameter(3, to)
                .setParameter(4, limit).getResultList();
        return rows.stream().map(r -> new CategoryCount((String) r[0], (String) r[1], n(r[2]))).toList();
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    private static Double d(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
