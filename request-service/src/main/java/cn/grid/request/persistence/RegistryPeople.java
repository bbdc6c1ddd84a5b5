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
 * party_org_member_view with party_org_view, team_view): who a dispatch may name, which person a login is, and
 * where a person works. "Within" a ticket's grid means at that grid or above it (an ancestor-or-self path).
 *
 * <p>Until the platform's rights core gives every caller their person and grants, a caller's person is found here
 * by the login {@code subject} the read models carry.
 */
@ApplicationScoped
public class RegistryPeople {

    /** Assignment roles that make a person staff of a grid (网格长, 网格员, 专职网格员/专业力量). */
    public static final List<String> STAFF_ASSIGNMENTS = List.of("GRID_HEAD", "GRID_WORKER", "SERVICE_SPECIALIST");
    /** Organisation roles that make a person an administrator over the organisation's grid. */
    public static final List<String> ORG_ADMIN_ROLES = List.of("SECRETARY", "DEPUTY_SECRETARY", "COMMITTEE_MEMBER");
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

    /**
     * The person a login is, from any row of the read models that carries the login (a login is linked to at most
     * one person); empty for a login the registry does not know.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Named> personOf(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select person_id, person_name from grid_assignment_view where subject = ?1
                union all
                select person_id, person_name from party_org_member_view where subject = ?1
                union all
                select cast(member ->> 'personId' as uuid), member ->> 'personName'
                  from team_view t, jsonb_array_elements(t.members) member
                 where t.members @> cast(?2 as jsonb) and member ->> 'subject' = ?1
                limit 1""")
                .setParameter(1, subject)
                .setParameter(2, json(List.of(Map.of("subject", subject))))
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(new Named((UUID) rows.get(0)[0], (String) rows.get(0)[1]));
    }

    /** The active teams whose current members include the person. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<UUID> activeTeamsOf(UUID personId) {
        @SuppressWarnings("unchecked")
        List<UUID> teams = entityManager.createNativeQuery("""
                select team_id from team_view where status = 'ACTIVE' and members @> cast(?1 as jsonb)""")
                .setParameter(1, json(List.of(Map.of("personId", personId.toString()))))
                .getResultList();
        return new LinkedHashSet<>(teams);
    }

    /**
     * The grid paths where the person is staff on {@code day}: their grid head, worker and specialist assignments,
     * and the grids of the active organisations they administer (secretary, deputy, committee member).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> staffPathsOf(UUID personId, LocalDate day) {
        @SuppressWarnings("unchecked")
        List<String> paths = entityManager.createNativeQuery("""
                select node_path from grid_assignment_view
                 where person_id = ?1 and role in (?2) and start_date <= ?3 and (end_date is null or end_date >= ?3)
                union
                select o.grid_path from party_org_member_view m join party_org_view o on o.org_id = m.org_id
                 where m.person_id = ?1 and m.role in (?4) and o.status = 'ACTIVE'
                   and m.start_date <= ?3 and (m.end_date is null or m.end_date >= ?3)""")
                .setParameter(1, personId)
                .setParameter(2, STAFF_ASSIGNMENTS)
                .setParameter(3, Date.valueOf(day))
                .setParameter(4, ORG_ADMIN_ROLES)
                .getResultList();
        return new LinkedHashSet<>(paths);
    }

    /** The grid paths where the person may claim micro-wishes on {@code day} (party member or volunteer there). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> claimPathsOf(UUID personId, LocalDate day) {
        @SuppressWarnings("unchecked")
        List<String> paths = entityManager.createNativeQuery("""
                select distinct node_path from grid_assignment_view
                 where person_id = ?1 and role in (?2) and start_date <= ?3 and (end_date is null or end_date >= ?3)""")
                .setParameter(1, personId)
                .setParameter(2, CLAIMING_ASSIGNMENTS)
                .setParameter(3, Date.valueOf(day))
                .getResultList();
        return new LinkedHashSet<>(paths);
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
