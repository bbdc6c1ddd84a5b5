package cn.grid.notification.persistence;

import cn.grid.notification.app.rules.Directory;
import cn.grid.notification.domain.Recipient;
import cn.grid.platform.time.GridCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.sql.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The rules' {@link Directory} over this service's grid read models (grid-readmodel's {@code grid_*_view},
 * {@code party_org_*_view}, {@code team_view}). "Current" means as the registry rights of a caller are read
 * (grid-readmodel's ReadModelRightsSource): started by today, not ended before it, the organisation or team
 * active — so the person a rule addresses is the person whose inbox the caller then reads.
 */
@ApplicationScoped
public class GridDirectory implements Directory {

    /** The assignment roles that make their holder staff of a grid (platform's Grant.isGridStaff). */
    private static final String GRID_STAFF = "('GRID_HEAD', 'GRID_WORKER', 'SERVICE_SPECIALIST')";
    /** The organisation roles that administer it (platform's Grant.isOrgAdmin). */
    private static final String ORG_ADMINS = "('SECRETARY', 'DEPUTY_SECRETARY', 'COMMITTEE_MEMBER')";
    private static final String CURRENT = "start_date <= :today and (end_date is null or end_date >= :today)";

    private final EntityManager entityManager;
    private final GridCalendar calendar;

    public GridDirectory(EntityManager entityManager, GridCalendar calendar) {
        this.entityManager = entityManager;
        this.calendar = calendar;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Recipient personOrLogin(String subject) {
        if (subject == null || subject.isBlank()) {
            return null;
        }
        List<?> persons = query("""
                select cast(a.person_id as text) from grid_assignment_view a where a.subject = :p and %s
                union all
                select cast(m.person_id as text) from party_org_member_view m join party_org_view o on o.org_id = m.org_id
                 where m.subject = :p and o.status = 'ACTIVE' and %s
                union all
                select member ->> 'personId' from team_view t cross join lateral jsonb_array_elements(t.members) member
                 where t.members @> jsonb_build_array(jsonb_build_object('subject', cast(:p as text)))
                   and t.status = 'ACTIVE' and member ->> 'subject' = :p
                limit 1""".formatted(current("a"), current("m")))
                .setParameter("p", subject)
                .getResultList();
        return persons.isEmpty() || persons.get(0) == null ? Recipient.subject(subject)
                : Recipient.person(UUID.fromString((String) persons.get(0)));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Recipient> gridStaffNearest(String nodePath) {
        if (nodePath == null) {
            // the community queue: the staff of the highest level that has any
            return persons(query("""
                    with staff as (
                        select person_id, length(node_path) - length(replace(node_path, '/', '')) as depth
                        from grid_assignment_view where role in %s and %s)
                    select distinct person_id from staff where depth = (select min(depth) from staff)
                    order by person_id""".formatted(GRID_STAFF, CURRENT)).getResultList());
        }
        return persons(query("""
                with staff as (
                    select person_id, node_path from grid_assignment_view
                    where role in %s and %s and starts_with(:p, node_path))
                select distinct person_id from staff where length(node_path) = (select max(length(node_path)) from staff)
                order by person_id""".formatted(GRID_STAFF, CURRENT))
                .setParameter("p", nodePath)
                .getResultList());
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public String nodePath(UUID nodeId) {
        if (nodeId == null) {
            return null;
        }
        List<?> paths = entityManager.createNativeQuery("select path from grid_node_view where id = :p")
                .setParameter("p", nodeId)
                .getResultList();
        return paths.isEmpty() ? null : (String) paths.get(0);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Recipient> teamMembers(UUID teamId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select distinct member ->> 'personId', member ->> 'subject'
                        from team_view t cross join lateral jsonb_array_elements(t.members) member
                        where t.team_id = :p and t.status = 'ACTIVE'
                        order by 1, 2""")
                .setParameter("p", teamId)
                .getResultList();
        return rows.stream().map(r -> Recipient.of((String) r[0], (String) r[1])).filter(Objects::nonNull)
                .distinct().toList();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Recipient> orgMembers(UUID orgId) {
        return persons(query("""
                select distinct m.person_id from party_org_member_view m join party_org_view o on o.org_id = m.org_id
                where m.org_id = :p and o.status = 'ACTIVE' and %s
                order by m.person_id""".formatted(current("m")))
                .setParameter("p", orgId)
                .getResultList());
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Recipient> orgSecretaries(UUID orgId) {
        return persons(query("""
                with officers as (
                    select m.person_id, case m.role when 'SECRETARY' then 1 else 2 end as rank
                    from party_org_member_view m join party_org_view o on o.org_id = m.org_id
                    where m.org_id = :p and o.status = 'ACTIVE' and m.role in ('SECRETARY', 'DEPUTY_SECRETARY')
                      and %s)
                select distinct person_id from officers where rank = (select min(rank) from officers)
                order by person_id""".formatted(current("m")))
                .setParameter("p", orgId)
                .getResultList());
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Recipient> reflectionReviewers(UUID orgId) {
        // level 0: the organisation's own administrators; else those of the organisations whose grid holds its
        // grid (study-service's orgAdminOver), the nearest grid first
        return persons(query("""
                with target as (select org_id, grid_path from party_org_view where org_id = :p),
                admins as (
                    select m.person_id, case when o.org_id = t.org_id then 1000000 else length(o.grid_path) end as near
                    from target t
                    join party_org_view o on o.status = 'ACTIVE' and starts_with(t.grid_path, o.grid_path)
                    join party_org_member_view m on m.org_id = o.org_id
                    where m.role in %s and %s)
                select distinct person_id from admins where near = (select max(near) from admins)
                order by person_id""".formatted(ORG_ADMINS, current("m")))
                .setParameter("p", orgId)
                .getResultList());
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Recipient> registrationReviewers(String nodePath) {
        if (nodePath == null) {
            return List.of();
        }
        return persons(query("""
                with reviewers as (
                    select person_id, length(node_path) as near from grid_assignment_view
                    where role in %s and %s and starts_with(:p, node_path)
                    union all
                    select m.person_id, length(o.grid_path) from party_org_member_view m
                    join party_org_view o on o.org_id = m.org_id
                    where o.status = 'ACTIVE' and starts_with(:p, o.grid_path) and m.role in %s and %s)
                select distinct person_id from reviewers where near = (select max(near) from reviewers)
                order by person_id""".formatted(GRID_STAFF, CURRENT, ORG_ADMINS, current("m")))
                .setParameter("p", nodePath)
                .getResultList());
    }

    private Query query(String sql) {
        return entityManager.createNativeQuery(sql).setParameter("today", Date.valueOf(calendar.today()));
    }

    private static String current(String alias) {
        return alias + ".start_date <= :today and (" + alias + ".end_date is null or " + alias + ".end_date >= :today)";
    }

    private static List<Recipient> persons(List<?> ids) {
        return ids.stream().filter(Objects::nonNull)
                .map(id -> Recipient.person(id instanceof UUID uuid ? uuid : UUID.fromString(id.toString())))
                .toList();
    }
}
