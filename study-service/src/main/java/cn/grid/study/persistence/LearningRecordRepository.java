package cn.grid.study.persistence;

import cn.grid.platform.time.SqlTimestamps;
import cn.grid.platform.tree.SubtreeQuery;
import cn.grid.study.domain.MemberSummary;
import cn.grid.study.domain.RecordItem;
import cn.grid.study.domain.SessionKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A member's learning record across every kind of study, and an organisation's summary per member. */
@ApplicationScoped
public class LearningRecordRepository {

    private final EntityManager entityManager;

    public LearningRecordRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Everything the member did, newest first (at most {@code limit} lines). */
    public List<RecordItem> timeline(UUID personId, List<String> subjects, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select * from (
                    select s.starts_at as at, 'SESSION' as kind, s.title, s.kind || ' ' || a.status as detail,
                           s.id::text as reference
                    from session_attendance a join study_session s on s.id = a.session_id
                    where a.person_id = ?1 or a.subject = any(cast(?2 as text[]))
                    union all
                    select e.at, 'LECTURE_GIVEN', coalesce(s.title, e.reason), s.kind, e.source_id
                    from points_entry e left join study_session s on s.id::text = e.source_id
                    where e.activity = 'LECTURE' and e.reverses is null
                      and (e.person_id = ?1 or e.subject = any(cast(?2 as text[])))
                    union all
                    select p.credited_at, 'PRACTICE', p.request_type,
                           case when p.reversed_at is null then 'rated ' || p.rating else 'reversed' end,
                           p.request_id::text
                    from practice_record p where p.person_id = ?1 or p.subject = any(cast(?2 as text[]))
                    union all
                    select r.submitted_at, 'REFLECTION', coalesce(s.title, m.title), r.state, r.id::text
                    from study_reflection r left join study_session s on s.id = r.session_id
                    left join study_material m on m.id = r.material_id
                    where r.person_id = ?1 or r.member_subject = any(cast(?2 as text[]))
                    union all
                    select g.updated_at, 'BOOK', m.title,
                           case when g.finished then 'finished' else coalesce(g.percent, 0) || '%' end, m.id::text
                    from study_reading_progress g join study_material m on m.id = g.material_id
                    where g.member_subject = any(cast(?2 as text[]))) items
                order by at desc limit ?3""")
                .setParameter(1, personId).setParameter(2, subjects.toArray(new String[0])).setParameter(3, limit)
                .getResultList();
        return rows.stream().map(r -> new RecordItem(SqlTimestamps.offsetDateTime(r[0]), (String) r[1],
                (String) r[2], (String) r[3], (String) r[4])).toList();
    }

    /**
     * The current members of the organisations under {@code orgPath}, each with their study in the period.
     * A row is the member's when it names their person id, or else their login subject (a credit made before grid
     * events named the person). Each table is read once for all the members, by two joins — on person id, and on
     * subject for the rows the first did not take — that each have an index, then aggregated per member and
     * joined to the members: a per-member subquery on "person_id = … or subject = …" ran nine probes per member,
     * one of them a full scan of practice_record (bench/study: 80 s → under 1 s for 10,000 members). For a small
     * subtree PostgreSQL probes the indexes per member; for a large one it hashes. The lectures are counted apart
     * from the sums so that their per-row reversal probe is estimated for the LECTURE rows only.
     */
    public List<MemberSummary> summaries(String orgPath, java.time.LocalDate today, OffsetDateTime from,
            OffsetDateTime to) {
        String[] lectureKinds = Arrays.stream(SessionKind.values()).filter(SessionKind::isLecture).map(Enum::name)
                .toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                with members as (
                    select distinct on (m.person_id) m.person_id, m.person_name, m.subject
                    from party_org_member_view m join party_org_view o on o.org_id = m.org_id
                    where o.org_path like ?1 and m.start_date <= ?2 and (m.end_date is null or m.end_date >= ?2)
                    order by m.person_id, m.start_date desc),
                attended as (
                    select m.person_id as member, a.session_id
                    from members m join session_attendance a on a.person_id = m.person_id
                    where a.status in ('PRESENT', 'LATE')
                    union all
                    select m.person_id, a.session_id
                    from members m join session_attendance a on a.subject = m.subject
                    where a.status in ('PRESENT', 'LATE') and not coalesce(a.person_id = m.person_id, false)),
                sessions as (
                    select t.member, count(*) as attended,
                           count(*) filter (where s.kind = any(cast(?5 as text[]))) as lecture,
                           count(*) filter (where s.kind = 'FILM_SCREENING') as film
                    from attended t join study_session s on s.id = t.session_id
                    where s.starts_at >= ?3 and s.starts_at < ?4
                    group by t.member),
                entries as (
                    select m.person_id as member, e.id, e.activity, e.points, e.reverses, e.at
                    from members m join points_entry e on e.person_id = m.person_id
                    union all
                    select m.person_id, e.id, e.activity, e.points, e.reverses, e.at
                    from members m join points_entry e on e.subject = m.subject
                    where not coalesce(e.person_id = m.person_id, false)),
                points as (
                    select t.member, sum(t.points) as balance,
                           coalesce(sum(t.points) filter (where t.at >= ?3 and t.at < ?4), 0) as in_period
                    from entries t group by t.member),
                lectures as (
                    select t.member, count(*) as given from entries t
                    where t.activity = 'LECTURE' and t.reverses is null and t.at >= ?3 and t.at < ?4
                      and not exists (select 1 from points_entry r where r.reverses = t.id)
                    group by t.member),
                practice as (
                    select t.member, count(*) as practice from (
                        select m.person_id as member
                        from members m join practice_record p on p.person_id = m.person_id
                        where p.reversed_at is null and p.credited_at >= ?3 and p.credited_at < ?4
                        union all
                        select m.person_id
                        from members m join practice_record p on p.subject = m.subject
                        where p.reversed_at is null and p.credited_at >= ?3 and p.credited_at < ?4
                          and not coalesce(p.person_id = m.person_id, false)) t
                    group by t.member),
                reflections as (
                    select m.person_id as member, count(*) as approved
                    from members m join study_reflection r on r.member_subject = m.subject
                    where r.state = 'APPROVED' and r.reviewed_at >= ?3 and r.reviewed_at < ?4
                    group by m.person_id),
                books as (
                    select m.person_id as member, count(distinct g.material_id) as finished
                    from members m join study_reading_progress g on g.member_subject = m.subject
                    where g.finished and g.updated_at >= ?3 and g.updated_at < ?4
                    group by m.person_id)
                select m.person_id, m.person_name, m.subject, coalesce(s.attended, 0), coalesce(s.lecture, 0),
                       coalesce(s.film, 0), coalesce(l.given, 0), coalesce(x.practice, 0),
                       coalesce(r.approved, 0), coalesce(b.finished, 0), coalesce(p.in_period, 0),
                       coalesce(p.balance, 0)
                from members m
                left join sessions s on s.member = m.person_id
                left join points p on p.member = m.person_id
                left join lectures l on l.member = m.person_id
                left join practice x on x.member = m.person_id
                left join reflections r on r.member = m.person_id
                left join books b on b.member = m.person_id
                order by m.person_name, m.person_id""")
                .setParameter(1, SubtreeQuery.likePrefix(orgPath)).setParameter(2, today).setParameter(3, from)
                .setParameter(4, to).setParameter(5, lectureKinds).getResultList();
        return rows.stream().map(r -> new MemberSummary((UUID) r[0], (String) r[1], (String) r[2], n(r[3]), n(r[4]),
                n(r[5]), n(r[6]), n(r[7]), n(r[8]), n(r[9]), n(r[10]), n(r[11]))).toList();
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
