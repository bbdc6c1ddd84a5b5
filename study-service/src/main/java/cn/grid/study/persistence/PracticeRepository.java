package cn.grid.study.persistence;

import cn.grid.platform.time.SqlTimestamps;
import cn.grid.study.domain.PracticeRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** 实践 records, one per ticket. */
@ApplicationScoped
public class PracticeRepository {

    private static final String COLUMNS = "request_id, subject, person_id, request_type, grid_node_id, rating, "
            + "credited_at, reversed_at";

    private final EntityManager entityManager;

    public PracticeRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<PracticeRecord> find(UUID requestId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS
                + " from practice_record where request_id = ?1 for update").setParameter(1, requestId).getResultList();
        return rows.stream().findFirst().map(PracticeRepository::record);
    }

    /** Records the practice, or credits it again after a reversal (a ticket done again and rated satisfied). */
    public void upsert(PracticeRecord r, String gridPath) {
        entityManager.createNativeQuery("""
                insert into practice_record (request_id, subject, person_id, request_type, grid_node_id, grid_path,
                                             rating, credited_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                on conflict (request_id) do update set subject = excluded.subject, person_id = excluded.person_id,
                    rating = excluded.rating, credited_at = excluded.credited_at, reversed_at = null,
                    reverse_reason = null""")
                .setParameter(1, r.requestId()).setParameter(2, r.subject()).setParameter(3, r.personId())
                .setParameter(4, r.requestType()).setParameter(5, r.gridNodeId()).setParameter(6, gridPath)
                .setParameter(7, r.rating()).setParameter(8, r.creditedAt()).executeUpdate();
    }

    public void markReversed(UUID requestId, String reason, OffsetDateTime at) {
        entityManager.createNativeQuery(
                        "update practice_record set reversed_at = ?2, reverse_reason = ?3 where request_id = ?1")
                .setParameter(1, requestId).setParameter(2, at).setParameter(3, reason).executeUpdate();
    }

    /** A member's practice, newest first. */
    public List<PracticeRecord> of(UUID personId, List<String> subjects, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS + """
                 from practice_record where person_id = ?1 or subject = any(cast(?2 as text[]))
                order by credited_at desc limit ?3""")
                .setParameter(1, personId).setParameter(2, subjects.toArray(new String[0])).setParameter(3, limit)
                .getResultList();
        return rows.stream().map(PracticeRepository::record).toList();
    }

    private static PracticeRecord record(Object[] r) {
        return new PracticeRecord((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3], (UUID) r[4],
                r[5] == null ? null : ((Number) r[5]).intValue(), SqlTimestamps.offsetDateTime(r[6]),
                r[7] == null ? null : SqlTimestamps.offsetDateTime(r[7]));
    }
}
