package cn.grid.request.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who an {@code assignee=} id names, from the read models this service keeps of grid.events: a team
 * ({@code team_view}), or a person with their login subjects (assignments, party-organisation memberships and
 * team places all carry the person's id and subject). grid-service is never asked.
 */
@ApplicationScoped
public class AssigneeDirectory {

    private final EntityManager entityManager;

    public AssigneeDirectory(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Whether a team with this id is known here (retired ones too: their tickets stay theirs). */
    public boolean isTeam(UUID id) {
        return !entityManager.createNativeQuery("select 1 from team_view where team_id = ?1")
                .setParameter(1, id).getResultList().isEmpty();
    }

    /**
     * The login subjects of the person with this id, or empty when no read model knows the person (a person
     * with no role, membership or team place cannot have been dispatched anything).
     */
    public Optional<Set<String>> loginsOfPerson(UUID personId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select 'a', subject from grid_assignment_view where person_id = ?1
                        union all
                        select 'o', subject from party_org_member_view where person_id = ?1
                        union all
                        select 't', m ->> 'subject' from team_view, jsonb_array_elements(members) m
                        where m ->> 'personId' = ?2""")
                .setParameter(1, personId).setParameter(2, personId.toString()).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Set<String> logins = new LinkedHashSet<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                logins.add((String) row[1]);
            }
        }
        return Optional.of(logins);
    }
}
