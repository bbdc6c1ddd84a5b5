package cn.grid.study.persistence;

import cn.grid.platform.time.SqlTimestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A member's own view of study: their points in a period, and what waits for them — sessions they are expected at,
 * reflections they review, lecture orders they are asked to give. "Their" organisations and grids come from the
 * registry read models (party_org_member_view, party_org_view, grid_assignment_view) by person.
 */
@ApplicationScoped
public class MyStudyRepository {

    /** Organisation roles that administer an organisation (and the organisations below it). */
    public static final List<String> ORG_ADMIN_ROLES = List.of("SECRETARY", "DEPUTY_SECRETARY", "COMMITTEE_MEMBER");

    /** One waiting thing as the work list shows it. */
    public record Waiting(UUID id, String title, UUID gridNodeId, String status, OffsetDateTime dueAt) {
    }

    /** The count of a kind and its first items, soonest first. */
    public record WaitingPage(long count, List<Waiting> items) {
    }

    private final EntityManager entityManager;

    public MyStudyRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The points credited (less reversals) to the member, by person id or login, from {@code since} on. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long pointsSince(UUID personId, String subject, OffsetDateTime since) {
        return ((Number) entityManager.createNativeQuery("""
                select coalesce(sum(points), 0) from points_entry
                 where (person_id = ?1 or subject = ?2) and at >= ?3""")
                .setParameter(1, personId).setParameter(2, subject).setParameter(3, since)
                .getSingleResult()).longValue();
    }

    /**
     * Sessions starting from {@code now} of an organisation the person is a current member of, or held at a grid
     * where they hold a current assignment (居住地报到 included), which the login has not attended (present or
     * late) yet.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public WaitingPage sessionsExpected(UUID personId, String subject, LocalDate today, OffsetDateTime now,
            int limit) {
        String where = """
                from study_session s
                where s.starts_at >= :now
                  and (s.org_id in (select m.org_id from party_org_member_view m
                                     where m.person_id = :person and m.start_date <= :today
                                       and (m.end_date is null or m.end_date >= :today))
                       or s.grid_node_id in (select a.node_id from grid_assignment_view a
                                              where a.person_id = :person and a.start_date <= :today
                                                and (a.end_date is null or a.end_date >= :today)))
                  and not exists (select 1 from session_attendance t where t.session_id = s.id
                                   and t.subject = :subject and t.status in ('PRESENT', 'LATE'))""";
        return page("select s.id, s.title, s.grid_node_id, s.kind, s.starts_at " + where
                        + " order by s.starts_at, s.id limit " + limit, "select count(*) " + where,
                q -> q.setParameter("now", now).setParameter("person", personId).setParameter("subject", subject)
                        .setParameter("today", Date.valueOf(today)));
    }

    /**
     * Submitted reflections (titled by the session or material they are on) of members of the organisations whose grid lies in the grid subtree of an organisation
     * the person administers (the administrator's reach), not their own; all of them when {@code everywhere}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public WaitingPage reflectionsToReview(UUID personId, String subject, boolean everywhere, LocalDate today,
            int limit) {
        String reach = everywhere ? "true" : """
                exists (select 1 from party_org_member_view m join party_org_view mine on mine.org_id = m.org_id
                         where m.person_id = :person and m.role in (:roles) and mine.status = 'ACTIVE'
                           and m.start_date <= :today and (m.end_date is null or m.end_date >= :today)
                           and starts_with(o.grid_path, mine.grid_path))""";
        String where = """
                from study_reflection r join party_org_view o on o.org_id = r.org_id
                left join study_session rs on rs.id = r.session_id
                left join study_material rm on rm.id = r.material_id
                where r.state = 'SUBMITTED' and r.member_subject <> :subject and\s""" + reach;
        return page("select r.id, coalesce(rs.title, rm.title), o.grid_node_id, r.state, r.submitted_at " + where
                        + " order by r.submitted_at, r.id limit " + limit, "select count(*) " + where,
                q -> {
                    q.setParameter("subject", subject);
                    if (!everywhere) {
                        q.setParameter("person", personId).setParameter("roles", ORG_ADMIN_ROLES)
                                .setParameter("today", Date.valueOf(today));
                    }
                });
    }

    /** Lecture orders waiting for the login, as the speaker of the ordered micro-lecture, to accept or decline. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public WaitingPage lectureOrdersToAccept(String subject, int limit) {
        String where = """
                from study_lecture_order l join study_material m on m.id = l.material_id
                left join party_org_view o on o.org_id = l.org_id
                where l.status = 'REQUESTED' and l.speaker_subject = :subject""";
        return page("select l.id, m.title, o.grid_node_id, l.status, l.wanted_at " + where
                + " order by l.wanted_at, l.id limit " + limit, "select count(*) " + where,
                q -> q.setParameter("subject", subject));
    }

    private WaitingPage page(String listSql, String countSql, java.util.function.Consumer<Query> bind) {
        Query list = entityManager.createNativeQuery(listSql);
        Query count = entityManager.createNativeQuery(countSql);
        bind.accept(list);
        bind.accept(count);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = list.getResultList();
        List<Waiting> items = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            items.add(new Waiting((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3], SqlTimestamps.offsetDateTime(r[4])));
        }
        return new WaitingPage(((Number) count.getSingleResult()).longValue(), items);
    }

}
