package cn.grid.study.persistence;

import cn.grid.platform.gridview.SubtreeQuery;
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
        return rows.stream().map(r -> new RecordItem(PointsLedgerRepository.toOffset(r[0]), (String) r[1],
                (String) r[2], (String) r[3], (String) r[4])).toList();
    }

    /** The current members of the organisations under {@code orgPath}, each with their study in the period. */
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
                    order by m.person_id, m.start_date desc)
                select m.person_id, m.person_name, m.subject,
                  (select count(*) from session_attendance a join study_session s on s.id = a.session_id
                    where (a.person_id = m.person_id or a.subject = m.subject) and a.status in ('PRESENT', 'LATE')
                      and s.starts_at >= ?3 and s.starts_at < ?4),
                  (select count(*) from session_attendance a join study_session s on s.id = a.session_id
                    where (a.person_id = m.person_id or a.subject = m.subject) and a.status in ('PRESENT', 'LATE')
                      and s.kind = any(cast(?5 as text[])) and s.starts_at >= ?3 and s.starts_at < ?4),
                  (select count(*) from session_attendance a join study_session s on s.id = a.session_id
                    where (a.person_id = m.person_id or a.subject = m.subject) and a.status in ('PRESENT', 'LATE')
                      and s.kind = 'FILM_SCREENING' and s.starts_at >= ?3 and s.starts_at < ?4),
                  (select count(*) from points_entry e where (e.person_id = m.person_id or e.subject = m.subject)
                      and e.activity = 'LECTURE' and e.reverses is null and e.at >= ?3 and e.at < ?4
                      and not exists (select 1 from points_entry r where r.reverses = e.id)),
                  (select count(*) from practice_record p where (p.person_id = m.person_id or p.subject = m.subject)
                      and p.reversed_at is null and p.credited_at >= ?3 and p.credited_at < ?4),
                  (select count(*) from study_reflection r where r.member_subject = m.subject and r.state = 'APPROVED'
                      and r.reviewed_at >= ?3 and r.reviewed_at < ?4),
                  (select count(distinct g.material_id) from study_reading_progress g
                    where g.member_subject = m.subject and g.finished and g.updated_at >= ?3 and g.updated_at < ?4),
                  (select coalesce(sum(e.points), 0) from points_entry e
                    where (e.person_id = m.person_id or e.subject = m.subject) and e.at >= ?3 and e.at < ?4),
                  (select coalesce(sum(e.points), 0) from points_entry e
                    where e.person_id = m.person_id or e.subject = m.subject)
                from members m order by m.person_name, m.person_id""")
                .setParameter(1, SubtreeQuery.likePrefix(orgPath)).setParameter(2, today).setParameter(3, from)
                .setParameter(4, to).setParameter(5, lectureKinds).getResultList();
        return rows.stream().map(r -> new MemberSummary((UUID) r[0], (String) r[1], (String) r[2], n(r[3]), n(r[4]),
                n(r[5]), n(r[6]), n(r[7]), n(r[8]), n(r[9]), n(r[10]), n(r[11]))).toList();
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
