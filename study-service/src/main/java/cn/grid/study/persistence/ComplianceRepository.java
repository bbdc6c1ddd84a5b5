package cn.grid.study.persistence;

import cn.grid.platform.tree.SubtreeQuery;
import cn.grid.study.domain.ComplianceReport;
import cn.grid.study.domain.MemberCompliance;
import cn.grid.study.domain.SessionKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The month's facts per member of an organisation subtree, in one query, and closed months' snapshots. */
@ApplicationScoped
public class ComplianceRepository {

    private final EntityManager entityManager;
    private final ObjectMapper json;

    public ComplianceRepository(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /**
     * Every member of the organisations under {@code orgPath} during [{@code firstDay}, {@code lastDay}], once
     * (their latest membership there), with whether they attended a lecture-type session or gave one, attended
     * a film screening, and have practice credited, with sessions and practice between {@code from} and
     * {@code to}. A member is matched by person id, or by login subject where the person was not known.
     * <p>
     * Attendance and practice are read for the subtree's members only, by two joins each — on person id, and on
     * subject for the rows the first did not take — so that each can use its index (V21) and PostgreSQL can start
     * from the members (a branch: their few rows) or from the month's sessions (the whole district: one index-only
     * pass over the month), whichever is cheaper; both sets name the member they belong to, and each part is
     * probed per member with {@code IN} (hashed subplans). The first version probed a per-member {@code EXISTS} on
     * "person or subject" (63 s for 10,000 members); the second built each set from the whole month of the
     * district, so a branch of 100 paid as much as the committee (bench/study).
     */
    public List<MemberCompliance> members(String orgPath, LocalDate firstDay, LocalDate lastDay, OffsetDateTime from,
            OffsetDateTime to) {
        String[] lectureKinds = Arrays.stream(SessionKind.values()).filter(SessionKind::isLecture).map(Enum::name)
                .toArray(String[]::new);
        String[] filmKinds = Arrays.stream(SessionKind.values()).filter(SessionKind::isFilm).map(Enum::name)
                .toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                with orgs as (select org_id from party_org_view where org_path like ?1),
                members as (
                    select distinct on (m.person_id) m.person_id, m.person_name, m.subject, m.org_id
                    from party_org_member_view m join orgs o on o.org_id = m.org_id
                    where m.start_date <= ?3 and (m.end_date is null or m.end_date >= ?2)
                    order by m.person_id, m.start_date desc),
                took_part as (
                    select m.person_id as member, s.kind from members m
                    join session_attendance a on a.person_id = m.person_id
                    join study_session s on s.id = a.session_id
                    where a.status in ('PRESENT', 'LATE') and s.starts_at >= ?4 and s.starts_at < ?5
                    union all
                    select m.person_id, s.kind from members m
                    join session_attendance a on a.subject = m.subject
                    join study_session s on s.id = a.session_id
                    where a.status in ('PRESENT', 'LATE') and s.starts_at >= ?4 and s.starts_at < ?5
                      and not coalesce(a.person_id = m.person_id, false)),
                lectured as (
                    select e.person_id, e.subject from points_entry e join study_session s on s.id::text = e.source_id
                    where e.activity = 'LECTURE' and e.reverses is null
                      and not exists (select 1 from points_entry r where r.reverses = e.id)
                      and s.starts_at >= ?4 and s.starts_at < ?5),
                practised as (
                    select m.person_id as member from members m join practice_record p on p.person_id = m.person_id
                    where p.reversed_at is null and p.credited_at >= ?4 and p.credited_at < ?5
                    union all
                    select m.person_id from members m join practice_record p on p.subject = m.subject
                    where p.reversed_at is null and p.credited_at >= ?4 and p.credited_at < ?5
                      and not coalesce(p.person_id = m.person_id, false))
                select m.person_id, m.person_name, m.subject, m.org_id,
                       coalesce(m.person_id in (select member from took_part where kind = any(cast(?6 as text[])))
                             or m.person_id in (select person_id from lectured)
                             or m.subject in (select subject from lectured), false),
                       coalesce(m.person_id in (select member from took_part where kind = any(cast(?7 as text[]))),
                             false),
                       coalesce(m.person_id in (select member from practised), false)
                from members m""")
                .setParameter(1, SubtreeQuery.likePrefix(orgPath)).setParameter(2, firstDay).setParameter(3, lastDay)
                .setParameter(4, from).setParameter(5, to).setParameter(6, lectureKinds).setParameter(7, filmKinds)
                .getResultList();
        return rows.stream().map(r -> new MemberCompliance((UUID) r[0], (String) r[1], (String) r[2], (UUID) r[3],
                (Boolean) r[4], (Boolean) r[5], (Boolean) r[6])).toList();
    }

    /** The organisations of the subtree, by id, with their names. */
    public Map<UUID, String> orgNames(String orgPath) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select org_id, name from party_org_view where org_path like ?1 order by name")
                .setParameter(1, SubtreeQuery.likePrefix(orgPath)).getResultList();
        Map<UUID, String> names = new LinkedHashMap<>();
        rows.forEach(r -> names.put((UUID) r[0], (String) r[1]));
        return names;
    }

    public Optional<ComplianceReport> snapshot(UUID orgId, String month) {
        @SuppressWarnings("unchecked")
        List<String> rows = entityManager.createNativeQuery(
                        "select report::text from compliance_snapshot where org_id = ?1 and month = ?2")
                .setParameter(1, orgId).setParameter(2, month).getResultList();
        return rows.stream().findFirst().map(text -> {
            try {
                return json.readValue(text, ComplianceReport.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("compliance_snapshot is not a report", e);
            }
        });
    }

    /** Stores the closed month; false when it was closed already (by someone else meanwhile). */
    public boolean close(ComplianceReport report) {
        try {
            return entityManager.createNativeQuery("""
                    insert into compliance_snapshot (org_id, month, report, closed_by, closed_at)
                    values (?1, ?2, cast(?3 as jsonb), ?4, ?5) on conflict do nothing""")
                    .setParameter(1, report.orgId()).setParameter(2, report.month())
                    .setParameter(3, json.writeValueAsString(report)).setParameter(4, report.closedBy())
                    .setParameter(5, report.closedAt()).executeUpdate() == 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report", e);
        }
    }
}
