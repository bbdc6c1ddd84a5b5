package cn.grid.study.persistence;

import cn.grid.study.domain.PointsActivity;
import cn.grid.study.domain.PointsEntry;
import cn.grid.study.domain.PointsRule;
import cn.grid.study.domain.PointsStanding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The points rules and the append-only ledger. */
@ApplicationScoped
public class PointsLedgerRepository {

    private static final String ENTRY_COLUMNS = "id, person_id, subject, activity, points, source_id, reason, reverses, at";

    private final EntityManager entityManager;

    public PointsLedgerRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public List<PointsRule> rules() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select activity, points, description, version from points_rule order by activity").getResultList();
        return rows.stream().map(PointsLedgerRepository::rule).toList();
    }

    public Optional<PointsRule> rule(PointsActivity activity) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select activity, points, description, version from points_rule where activity = ?1")
                .setParameter(1, activity.name()).getResultList();
        return rows.stream().findFirst().map(PointsLedgerRepository::rule);
    }

    /** Changes a rule if it is still at {@code expectedVersion}. */
    public boolean updateRule(PointsRule rule, long expectedVersion) {
        return entityManager.createNativeQuery("""
                update points_rule set points = ?2, description = ?3, version = version + 1, updated_at = now()
                where activity = ?1 and version = ?4""")
                .setParameter(1, rule.activity().name()).setParameter(2, rule.points())
                .setParameter(3, rule.description()).setParameter(4, expectedVersion).executeUpdate() == 1;
    }

    /**
     * Serialises every credit and reversal of one member for one source until the transaction ends, so two
     * deliveries or two clicks cannot both credit.
     */
    public void lock(PointsActivity activity, String sourceId, String subject) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, activity.name() + "|" + sourceId + "|" + subject).getSingleResult();
    }

    /** The credit for this source that no reversal has taken back yet. */
    public Optional<PointsEntry> liveCredit(PointsActivity activity, String sourceId, String subject) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + ENTRY_COLUMNS + """
                 from points_entry c
                where c.activity = ?1 and c.source_id = ?2 and c.subject = ?3 and c.reverses is null
                  and not exists (select 1 from points_entry r where r.reverses = c.id)""")
                .setParameter(1, activity.name()).setParameter(2, sourceId).setParameter(3, subject).getResultList();
        return rows.stream().findFirst().map(PointsLedgerRepository::entry);
    }

    public void append(PointsEntry e) {
        entityManager.createNativeQuery("insert into points_entry (" + ENTRY_COLUMNS
                        + ") values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                .setParameter(1, e.id()).setParameter(2, e.personId()).setParameter(3, e.subject())
                .setParameter(4, e.activity().name()).setParameter(5, e.points()).setParameter(6, e.sourceId())
                .setParameter(7, e.reason()).setParameter(8, e.reverses()).setParameter(9, e.at())
                .executeUpdate();
    }

    /** The balance of a member known by person id and/or login subjects. */
    public long balance(UUID personId, List<String> subjects) {
        return ((Number) entityManager.createNativeQuery("""
                select coalesce(sum(points), 0) from points_entry
                where person_id = ?1 or subject = any(cast(?2 as text[]))""")
                .setParameter(1, personId).setParameter(2, subjects.toArray(new String[0]))
                .getSingleResult()).longValue();
    }

    /** A member's entries, newest first, before {@code beforeId} (entry ids are time-ordered). */
    public List<PointsEntry> history(UUID personId, List<String> subjects, UUID beforeId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + ENTRY_COLUMNS + """
                 from points_entry
                where (person_id = ?1 or subject = any(cast(?2 as text[]))) and (cast(?3 as uuid) is null or id < ?3)
                order by id desc limit ?4""")
                .setParameter(1, personId).setParameter(2, subjects.toArray(new String[0]))
                .setParameter(3, beforeId).setParameter(4, limit).getResultList();
        return rows.stream().map(PointsLedgerRepository::entry).toList();
    }

    /** The current members of an organisation with their balances, highest first (积分排名). */
    public List<PointsStanding> ranking(UUID orgId, java.time.LocalDate today, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                with members as (
                    select person_id, max(person_name) as person_name, max(subject) as subject
                    from party_org_member_view
                    where org_id = ?1 and start_date <= ?2 and (end_date is null or end_date >= ?2)
                    group by person_id)
                select m.person_id, m.person_name, m.subject,
                       coalesce((select sum(e.points) from points_entry e
                                 where e.person_id = m.person_id or e.subject = m.subject), 0) as balance
                from members m
                order by balance desc, m.person_name, m.person_id
                limit ?3""")
                .setParameter(1, orgId).setParameter(2, today).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new PointsStanding((UUID) r[0], (String) r[1], (String) r[2],
                ((Number) r[3]).longValue())).toList();
    }

    private static PointsRule rule(Object[] r) {
        return new PointsRule(PointsActivity.valueOf((String) r[0]), ((Number) r[1]).intValue(), (String) r[2],
                ((Number) r[3]).longValue());
    }

    private static PointsEntry entry(Object[] r) {
        return new PointsEntry((UUID) r[0], (UUID) r[1], (String) r[2], PointsActivity.valueOf((String) r[3]),
                ((Number) r[4]).intValue(), (String) r[5], (String) r[6], (UUID) r[7], toOffset(r[8]));
    }

    static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
