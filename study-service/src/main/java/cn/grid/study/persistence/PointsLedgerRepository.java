package cn.grid.study.persistence;

import cn.grid.platform.time.SqlTimestamps;
import cn.grid.study.domain.PointsActivity;
import cn.grid.study.domain.PointsEntry;
import cn.grid.study.domain.PointsRule;
import cn.grid.study.domain.PointsStanding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        lockAll(activity, sourceId, List.of(subject));
    }

    /**
     * {@link #lock} for many members at once, in one statement. The locks are taken in the subjects' sorted order,
     * so two batches over overlapping members wait for each other instead of deadlocking.
     */
    public void lockAll(PointsActivity activity, String sourceId, Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        String[] keys = subjects.stream().sorted().distinct().map(s -> activity.name() + "|" + sourceId + "|" + s)
                .toArray(String[]::new);
        // the lock calls are volatile: evaluated once per row, after the sort, in key order
        entityManager.createNativeQuery("""
                select count(*) from (
                    select pg_advisory_xact_lock(hashtextextended(k.key, 0))
                    from unnest(cast(?1 as text[])) with ordinality as k(key, position) order by k.position) locked""")
                .setParameter(1, keys).getSingleResult();
    }

    /** The credit for this source that no reversal has taken back yet. */
    public Optional<PointsEntry> liveCredit(PointsActivity activity, String sourceId, String subject) {
        return Optional.ofNullable(liveCredits(activity, sourceId, List.of(subject)).get(subject));
    }

    /** {@link #liveCredit} of many members, by subject, in one query. */
    public Map<String, PointsEntry> liveCredits(PointsActivity activity, String sourceId, Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + ENTRY_COLUMNS + """
                 from points_entry c
                where c.activity = ?1 and c.source_id = ?2 and c.subject = any(cast(?3 as text[])) and c.reverses is null
                  and not exists (select 1 from points_entry r where r.reverses = c.id)""")
                .setParameter(1, activity.name()).setParameter(2, sourceId)
                .setParameter(3, subjects.toArray(new String[0])).getResultList();
        Map<String, PointsEntry> live = new HashMap<>();
        rows.stream().map(PointsLedgerRepository::entry).forEach(e -> live.put(e.subject(), e));
        return live;
    }

    public void append(PointsEntry e) {
        appendAll(List.of(e));
    }

    /** Appends the entries with one multi-row insert. */
    public void appendAll(List<PointsEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        int n = entries.size();
        String[] ids = new String[n];
        String[] persons = new String[n];
        String[] subjects = new String[n];
        String[] activities = new String[n];
        String[] points = new String[n];
        String[] sources = new String[n];
        String[] reasons = new String[n];
        String[] reverses = new String[n];
        String[] ats = new String[n];
        for (int i = 0; i < n; i++) {
            PointsEntry e = entries.get(i);
            ids[i] = e.id().toString();
            persons[i] = e.personId() == null ? null : e.personId().toString();
            subjects[i] = e.subject();
            activities[i] = e.activity().name();
            points[i] = Integer.toString(e.points());
            sources[i] = e.sourceId();
            reasons[i] = e.reason();
            reverses[i] = e.reverses() == null ? null : e.reverses().toString();
            ats[i] = e.at().toString();
        }
        // text arrays cast in SQL: one parameter per column whatever the batch size
        entityManager.createNativeQuery("insert into points_entry (" + ENTRY_COLUMNS + """
                ) select cast(id as uuid), cast(person_id as uuid), subject, activity, cast(points as integer), source_id,
                         reason, cast(reverses as uuid), cast(at as timestamptz)
                from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]),
                            cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]), cast(?8 as text[]),
                            cast(?9 as text[]))
                     as e(id, person_id, subject, activity, points, source_id, reason, reverses, at)""")
                .setParameter(1, ids).setParameter(2, persons).setParameter(3, subjects).setParameter(4, activities)
                .setParameter(5, points).setParameter(6, sources).setParameter(7, reasons)
                .setParameter(8, reverses).setParameter(9, ats).executeUpdate();
    }

    /** The balance of a member known by person id and/or login subjects. */
    public long balance(UUID personId, List<String> subjects) {
        return ((Number) entityManager.createNativeQuery("""
                select coalesce(sum(points), 0) from points_entry
                where person_id = ?1 or subject = any(cast(?2 as text[]))""")
                .setParameter(1, personId).setParameter(2, subjects.toArray(new String[0]))
                .getSingleResult()).longValue();
    }

    /**
     * The balance of each (person id, subject) pair, as {@link #balance} with that one subject, in one query: per
     * pair one probe by person and one by subject (the entries not already counted by person), each on its index.
     */
    public long[] balances(List<UUID> personIds, List<String> subjects) {
        if (personIds.size() != subjects.size()) {
            throw new IllegalArgumentException("one subject per person id");
        }
        if (subjects.isEmpty()) {
            return new long[0];
        }
        String[] persons = personIds.stream().map(p -> p == null ? null : p.toString()).toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select m.position,
                       coalesce((select sum(e.points) from points_entry e where e.person_id = m.person_id), 0)
                     + coalesce((select sum(e.points) from points_entry e
                                 where e.subject = m.subject and not coalesce(e.person_id = m.person_id, false)), 0)
                from unnest(cast(cast(?1 as text[]) as uuid[]), cast(?2 as text[]))
                     with ordinality as m(person_id, subject, position)""")
                .setParameter(1, persons).setParameter(2, subjects.toArray(new String[0])).getResultList();
        long[] balances = new long[subjects.size()];
        rows.forEach(r -> balances[((Number) r[0]).intValue() - 1] = ((Number) r[1]).longValue());
        return balances;
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
                ((Number) r[4]).intValue(), (String) r[5], (String) r[6], (UUID) r[7], SqlTimestamps.offsetDateTime(r[8]));
    }

}
