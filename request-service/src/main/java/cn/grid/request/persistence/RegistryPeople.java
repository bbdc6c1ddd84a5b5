package cn.grid.request.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The people and teams of the grid registry as this service knows them from grid.events (grid_assignment_view,
 * party_org_member_view with party_org_view, team_view): who a dispatch may name. "Within" a ticket's grid means
 * at that grid or above it (an ancestor-or-self path). The caller's own person and grants come from the platform's
 * rights core ({@code Caller.personId()}, {@code grants()}).
 */
@ApplicationScoped
public class RegistryPeople {

    /** Assignment roles that may claim micro-wishes where they hold them. */
    public static final List<String> CLAIMING_ASSIGNMENTS = List.of("PARTY_MEMBER", "VOLUNTEER");

    /** A person or team of the registry with the name to show. */
    public record Named(UUID id, String name) {
    }

    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    public RegistryPeople(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    /**
     * The person, when on {@code day} they hold an assignment (any role, 居住地报到 included) at the grid of
     * {@code gridPath} or above, belong to an active party organisation of that grid or above, or sit in an active
     * team of that grid or above; empty when unknown here or out of that area. A null {@code gridPath} (a ticket in
     * the community queue, which only those who cover everything handle) asks for such a place anywhere.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Named> personWithin(UUID personId, String gridPath, LocalDate day) {
        @SuppressWarnings("unchecked")
        List<Object> names = entityManager.createNativeQuery("""
                select person_name from grid_assignment_view
                 where person_id = ?1 and (?2 = '' or starts_with(?2, node_path))
                   and start_date <= ?3 and (end_date is null or end_date >= ?3)
                union all
                select m.person_name from party_org_member_view m join party_org_view o on o.org_id = m.org_id
                 where m.person_id = ?1 and o.status = 'ACTIVE' and (?2 = '' or starts_with(?2, o.grid_path))
                   and m.start_date <= ?3 and (m.end_date is null or m.end_date >= ?3)
                union all
                select member ->> 'personName' from team_view t, jsonb_array_elements(t.members) member
                 where t.members @> cast(?4 as jsonb) and member ->> 'personId' = cast(?1 as text)
                   and t.status = 'ACTIVE' and (?2 = '' or starts_with(?2, t.grid_path))
                limit 1""")
                .setParameter(1, personId)
                .setParameter(2, anywhereIfNull(gridPath))
                .setParameter(3, Date.valueOf(day))
                .setParameter(4, json(List.of(Map.of("personId", personId.toString()))))
                .getResultList();
        return names.isEmpty() ? Optional.empty() : Optional.of(new Named(personId, (String) names.get(0)));
    }

    /**
     * The team, when it is active and its grid is the grid of {@code gridPath} or above (anywhere for a null
     * {@code gridPath}); empty otherwise.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Named> activeTeamWithin(UUID teamId, String gridPath) {
        @SuppressWarnings("unchecked")
        List<Object> names = entityManager.createNativeQuery("""
                select name from team_view where team_id = ?1 and status = 'ACTIVE'
                   and (?2 = '' or starts_with(?2, grid_path))""")
                .setParameter(1, teamId)
                .setParameter(2, anywhereIfNull(gridPath))
                .getResultList();
        return names.isEmpty() ? Optional.empty() : Optional.of(new Named(teamId, (String) names.get(0)));
    }

    /** Whether a team with this id is known here (retired ones too: their tickets stay theirs). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isTeam(UUID id) {
        return !entityManager.createNativeQuery("select 1 from team_view where team_id = ?1")
                .setParameter(1, id).getResultList().isEmpty();
    }

    /**
     * The login subjects of the person with this id, or empty when no read model knows the person (a person
     * with no role, membership or team place cannot have been dispatched anything). The team rows are found by
     * containment, which team_view's GIN index on members answers, not by unnesting every team's roll.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Set<String>> loginsOfPerson(UUID personId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select 'a', subject from grid_assignment_view where person_id = ?1
                        union all
                        select 'o', subject from party_org_member_view where person_id = ?1
                        union all
                        select 't', m ->> 'subject' from team_view t, jsonb_array_elements(t.members) m
                        where t.members @> cast(?3 as jsonb) and m ->> 'personId' = ?2""")
                .setParameter(1, personId).setParameter(2, personId.toString())
                .setParameter(3, json(List.of(Map.of("personId", personId.toString()))))
                .getResultList();
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

    /** A null grid path asks for anywhere: the empty string, which the queries read so (no path is empty). */
    private static String anywhereIfNull(String gridPath) {
        return gridPath == null ? "" : gridPath;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
