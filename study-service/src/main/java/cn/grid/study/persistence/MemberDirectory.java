package cn.grid.study.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who a login subject is, and which organisations and grids a person belongs to — from the party membership
 * and assignment read models fed by grid events.
 */
@ApplicationScoped
public class MemberDirectory {

    private final EntityManager entityManager;

    public MemberDirectory(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The person behind a login subject, if grid events named one. */
    public Optional<UUID> personOf(String subject) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("""
                select person_id from (
                    select person_id, start_date from party_org_member_view where subject = ?1
                    union all
                    select person_id, start_date from grid_assignment_view where subject = ?1) known
                order by start_date desc limit 1""").setParameter(1, subject).getResultList();
        return ids.stream().findFirst();
    }

    /** Every login subject grid events gave this person. */
    public List<String> subjectsOf(UUID personId) {
        @SuppressWarnings("unchecked")
        List<String> subjects = entityManager.createNativeQuery("""
                select subject from party_org_member_view where person_id = ?1 and subject is not null
                union
                select subject from grid_assignment_view where person_id = ?1 and subject is not null""")
                .setParameter(1, personId).getResultList();
        return subjects;
    }

    /** The grid paths of the organisations the person belongs (or belonged) to, for scope checks. */
    public List<String> orgGridPathsOf(UUID personId) {
        @SuppressWarnings("unchecked")
        List<String> paths = entityManager.createNativeQuery("""
                select distinct o.grid_path from party_org_member_view m join party_org_view o on o.org_id = m.org_id
                where m.person_id = ?1""").setParameter(1, personId).getResultList();
        return paths;
    }

    /** An organisation's grid path, if grid events made it known. */
    public Optional<String> orgGridPath(UUID orgId) {
        @SuppressWarnings("unchecked")
        List<String> paths = entityManager.createNativeQuery("select grid_path from party_org_view where org_id = ?1")
                .setParameter(1, orgId).getResultList();
        return paths.stream().findFirst();
    }
}
