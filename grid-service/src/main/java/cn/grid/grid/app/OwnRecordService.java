package cn.grid.grid.app;

import cn.grid.grid.domain.Assignment;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.OrgMembership;
import cn.grid.grid.domain.PartyOrg;
import cn.grid.grid.domain.Person;
import cn.grid.grid.domain.Team;
import cn.grid.grid.domain.TeamMember;
import cn.grid.grid.persistence.AssignmentRepository;
import cn.grid.grid.persistence.GridNodeRepository;
import cn.grid.grid.persistence.PartyOrgRepository;
import cn.grid.grid.persistence.TeamRepository;
import cn.grid.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The caller's own record: who they are in the registry, where they live, and every role, membership and team place. */
@ApplicationScoped
public class OwnRecordService {

    /**
     * A person's record as they see it: every assignment, membership and team place they held, hold or are to hold
     * (oldest first), with the nodes, organisations and teams named in them.
     */
    public record OwnRecord(Person person, GridNode home, List<Assignment> assignments, List<OrgMembership> memberships,
            List<TeamMember> teamPlaces, Map<UUID, GridNode> nodes, Map<UUID, PartyOrg> orgs, Map<UUID, Team> teams) {
    }

    private final PersonReach reach;
    private final AssignmentRepository assignments;
    private final PartyOrgRepository orgs;
    private final TeamRepository teams;
    private final GridNodeRepository nodes;

    public OwnRecordService(PersonReach reach, AssignmentRepository assignments, PartyOrgRepository orgs,
            TeamRepository teams, GridNodeRepository nodes) {
        this.reach = reach;
        this.assignments = assignments;
        this.orgs = orgs;
        this.teams = teams;
        this.nodes = nodes;
    }

    /** The caller's record; a 404 problem when their login is linked to no person. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public OwnRecord of(Caller caller) {
        Person person = reach.requirePersonOf(caller);
        List<Assignment> held = assignments.ofPerson(person.id());
        List<OrgMembership> memberships = orgs.membershipsOfPerson(person.id());
        List<TeamMember> places = teams.placesOfPerson(person.id());
        Map<UUID, PartyOrg> orgById = byId(orgs.byIds(memberships.stream().map(OrgMembership::orgId).distinct()
                .toList()), PartyOrg::id);
        Map<UUID, Team> teamById = byId(teams.byIds(places.stream().map(TeamMember::teamId).distinct().toList()),
                Team::id);
        List<UUID> nodeIds = new ArrayList<>();
        nodeIds.add(person.homeNodeId());
        held.forEach(a -> nodeIds.add(a.nodeId()));
        orgById.values().forEach(o -> nodeIds.add(o.gridNodeId()));
        teamById.values().forEach(t -> nodeIds.add(t.gridNodeId()));
        Map<UUID, GridNode> nodeById = byId(nodes.lineage(nodeIds.stream().distinct().toList()), GridNode::id);
        return new OwnRecord(person, nodeById.get(person.homeNodeId()), held, memberships, places, nodeById, orgById,
                teamById);
    }

    private static <T> Map<UUID, T> byId(List<T> items, Function<T, UUID> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
