package cn.grid.study.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return Optional.ofNullable(personsOf(List.of(subject)).get(subject));
    }

    /**
     * The person behind each login subject grid events named one for (the latest membership or assignment), in
     * one query; subjects nobody named are absent.
     */
    public Map<String, UUID> personsOf(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select distinct on (subject) subject, person_id from (
                    select subject, person_id, start_date from party_org_member_view
                    where subject = any(cast(?1 as text[]))
                    union all
                    select subject, person_id, start_date from grid_assignment_view
                    where subject = any(cast(?1 as text[]))) known
                order by subject, start_date desc""")
                .setParameter(1, subjects.toArray(new String[0])).getResultList();
        Map<String, UUID> persons = new HashMap<>();
        rows.forEach(r -> persons.put((String) r[0], (UUID) r[1]));
        return persons;
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
