package cn.grid.readmodel.grid;

import cn.grid.contracts.events.grid.PartyOrgChangedV1;
import cn.grid.contracts.events.grid.PartyOrgCreatedV1;
import cn.grid.contracts.events.grid.PartyOrgMembershipChangedV1;
import cn.grid.contracts.events.grid.TeamChangedV1;
import cn.grid.platform.events.MalformedEventException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Local copies of party organisations, their members and teams ({@code party_org_view}, ..., {@code team_view}).
 * Organisation and membership events carry the organisation as subject; a row ignores an event older than its last
 * applied {@code subjectsequence}.
 */
@ApplicationScoped
public class PartyOrgAndTeamViews {

    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    public PartyOrgAndTeamViews(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventStamp stamp, PartyOrgCreatedV1 e) {
        upsertOrg(stamp, e.orgId(), e.parentId(), e.orgPath(), e.kind(), e.branchType(), e.name(), e.gridNodeId(),
                e.gridPath(), "ACTIVE");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventStamp stamp, PartyOrgChangedV1 e) {
        upsertOrg(stamp, e.orgId(), e.parentId(), e.orgPath(), e.kind(), e.branchType(), e.name(), e.gridNodeId(),
                e.gridPath(), e.status());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventStamp stamp, PartyOrgMembershipChangedV1 e) {
        entityManager.createNativeQuery("""
                insert into party_org_member_view (membership_id, org_id, person_id, person_name, subject, role,
                    start_date, end_date, last_event_id, last_sequence)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, cast(?10 as bigint))
                on conflict (membership_id) do update set role = excluded.role, start_date = excluded.start_date,
                    end_date = excluded.end_date, person_name = excluded.person_name, subject = excluded.subject,
                    last_event_id = excluded.last_event_id, last_sequence = %s
                where %s""".formatted(EventStamp.nextSequence("party_org_member_view", 10),
                        EventStamp.isNewer("party_org_member_view", 10)))
                .setParameter(1, uuid(e.membershipId()))
                .setParameter(2, uuid(e.orgId()))
                .setParameter(3, uuid(e.personId()))
                .setParameter(4, e.personName())
                .setParameter(5, e.subject())
                .setParameter(6, e.role())
                .setParameter(7, date(e.startDate()))
                .setParameter(8, e.endDate() == null ? null : date(e.endDate()))
                .setParameter(9, stamp.id())
                .setParameter(10, stamp.sequence())
                .executeUpdate();
    }

    /**
     * A newer snapshot replaces an older one; an older one arriving late changes nothing. The team's own
     * {@code version} (in the event) orders them already, so the row needs no {@code last_sequence}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventStamp stamp, TeamChangedV1 e) {
        String members;
        try {
            members = mapper.writeValueAsString(e.members() == null ? java.util.List.of() : e.members());
        } catch (JsonProcessingException ex) {
            throw new MalformedEventException("team members cannot be written: " + ex.getMessage());
        }
        entityManager.createNativeQuery("""
                insert into team_view (team_id, kind, name, grid_node_id, grid_path, status, version, members,
                    last_event_id) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as jsonb), ?9)
                on conflict (team_id) do update set kind = excluded.kind, name = excluded.name,
                    grid_node_id = excluded.grid_node_id, grid_path = excluded.grid_path, status = excluded.status,
                    version = excluded.version, members = excluded.members, last_event_id = excluded.last_event_id
                where team_view.version <= excluded.version""")
                .setParameter(1, uuid(e.teamId()))
                .setParameter(2, e.kind())
                .setParameter(3, e.name())
                .setParameter(4, uuid(e.gridNodeId()))
                .setParameter(5, e.gridPath())
                .setParameter(6, e.status())
                .setParameter(7, e.version())
                .setParameter(8, members)
                .setParameter(9, stamp.id())
                .executeUpdate();
    }

    /** Whether the team is known here, active, and has {@code subject} among its current members. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean teamHasMember(UUID teamId, String subject) {
        return !entityManager.createNativeQuery("""
                        select 1 from team_view where team_id = ?1 and status = 'ACTIVE'
                          and members @> cast(?2 as jsonb)""")
                .setParameter(1, teamId)
                .setParameter(2, "[{\"subject\": " + quote(subject) + "}]")
                .getResultList().isEmpty();
    }

    private String quote(String value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void upsertOrg(EventStamp stamp, String orgId, String parentId, String orgPath, String kind,
            String branchType, String name, String gridNodeId, String gridPath, String status) {
        if (orgPath == null || gridPath == null || kind == null || name == null) {
            throw new MalformedEventException("party organisation event without orgPath, gridPath, kind or name");
        }
        entityManager.createNativeQuery("""
                insert into party_org_view (org_id, parent_id, org_path, kind, branch_type, name, grid_node_id,
                    grid_path, status, last_event_id, last_sequence, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, cast(?11 as bigint), now())
                on conflict (org_id) do update set parent_id = excluded.parent_id, org_path = excluded.org_path,
                    kind = excluded.kind, branch_type = excluded.branch_type, name = excluded.name,
                    grid_node_id = excluded.grid_node_id, grid_path = excluded.grid_path, status = excluded.status,
                    last_event_id = excluded.last_event_id, last_sequence = %s, updated_at = now()
                where %s""".formatted(EventStamp.nextSequence("party_org_view", 11),
                        EventStamp.isNewer("party_org_view", 11)))
                .setParameter(1, uuid(orgId))
                .setParameter(2, parentId == null ? null : uuid(parentId))
                .setParameter(3, orgPath)
                .setParameter(4, kind)
                .setParameter(5, branchType)
                .setParameter(6, name)
                .setParameter(7, uuid(gridNodeId))
                .setParameter(8, gridPath)
                .setParameter(9, status)
                .setParameter(10, stamp.id())
                .setParameter(11, stamp.sequence())
                .executeUpdate();
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (RuntimeException e) {
            throw new MalformedEventException("party organisation or team event with an invalid id: " + value);
        }
    }

    private static Date date(String value) {
        try {
            return Date.valueOf(LocalDate.parse(value));
        } catch (RuntimeException e) {
            throw new MalformedEventException("party organisation event with an invalid date: " + value);
        }
    }
}
