package cn.grid.grid.app;

import cn.grid.contracts.events.grid.TeamChangedV1;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.Person;
import cn.grid.grid.domain.Team;
import cn.grid.grid.domain.TeamMember;
import cn.grid.grid.domain.Tenure;
import cn.grid.grid.messaging.GridEventPublisher;
import cn.grid.grid.persistence.GridNodeRepository;
import cn.grid.grid.persistence.PersonRepository;
import cn.grid.grid.persistence.TeamRepository;
import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.time.GridCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Volunteer and service teams at grid nodes. Every change publishes the team's whole current state. */
@ApplicationScoped
public class TeamService implements RetirementGuard {

    /** A member with the person it is. */
    public record Membership(TeamMember member, Person person) {
    }

    private final TeamRepository teams;
    private final GridNodeRepository nodes;
    private final PersonRepository people;
    private final GridCalendar calendar;
    private final GridEventPublisher events;
    private final IdempotencyKeys idempotencyKeys;
    private final PersonReach reach;

    public TeamService(TeamRepository teams, GridNodeRepository nodes, PersonRepository people,
            GridCalendar calendar, GridEventPublisher events, IdempotencyKeys idempotencyKeys, PersonReach reach) {
        this.reach = reach;
        this.teams = teams;
        this.nodes = nodes;
        this.people = people;
        this.calendar = calendar;
        this.events = events;
        this.idempotencyKeys = idempotencyKeys;
    }

    /**
     * Forms a team; with an {@code idempotencyKey}, a retry of the same request returns the team the first one
     * formed instead of a second one.
     */
    @Transactional
    public IdempotencyKeys.Outcome<Team> form(FormTeam command, Caller caller, String idempotencyKey) {
        return idempotencyKeys.once("POST /api/v1/grids/{nodeId}/teams", caller, idempotencyKey,
                command, () -> create(command, caller), t -> t.id(), teams::findByIdOptional);
    }

    private Team create(FormTeam command, Caller caller) {
        UUID nodeId = command.nodeId();
        GridNode grid = nodes.findByIdOptional(nodeId).orElseThrow(() -> DomainProblem.notFound("grid node", nodeId));
        caller.requireStaffOver(grid.path(), "grid node " + nodeId);
        Team team = Team.form(Ids.newId(), command.kind(), command.name(), grid, OffsetDateTime.now());
        teams.persist(team);
        publish(team);
        return team;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Team get(UUID nodeId, UUID teamId, Caller caller) {
        Team team = teams.findByIdOptional(teamId).filter(t -> t.gridNodeId().equals(nodeId))
                .orElseThrow(() -> DomainProblem.notFound("team", teamId));
        caller.requireScope(team.gridPath(), "team " + teamId);
        return team;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> inSubtree(UUID nodeId, PageRequest page, Caller caller, Function<Team, T> view) {
        GridNode grid = nodes.findByIdOptional(nodeId).orElseThrow(() -> DomainProblem.notFound("grid node", nodeId));
        caller.requireStaffOver(grid.path(), "grid node " + nodeId);
        return page.page(teams.inSubtree(grid.path(), page.afterId(), page.limit() + 1), t -> t.id().toString(), view);
    }

    /**
     * A person joins the team; with an {@code idempotencyKey}, a retry of the same request returns the membership
     * the first one made (two retries racing would otherwise both pass the check below).
     */
    @Transactional
    public IdempotencyKeys.Outcome<TeamMember> join(JoinTeam command, Caller caller, String idempotencyKey) {
        return idempotencyKeys.once("POST /api/v1/grids/{nodeId}/teams/{teamId}/members", caller, idempotencyKey,
                command, () -> addMember(command, caller), m -> m.id(),
                id -> Optional.ofNullable(teams.member(id)));
    }

    private TeamMember addMember(JoinTeam command, Caller caller) {
        // the team's row is locked (and read) first, so joins take turns: the overlap check below sees every member
        // committed before, and touching the team's version cannot lose an optimistic race to a parallel join
        teams.findByIdOptional(command.teamId(), LockModeType.PESSIMISTIC_WRITE);
        Team team = get(command.nodeId(), command.teamId(), caller);
        caller.requireStaffOver(team.gridPath(), "team " + command.teamId());
        Person person = people.findByIdOptional(command.personId()).orElseThrow(() ->
                DomainProblem.invalid("personId", "person " + command.personId() + " does not exist"));
        reach.requireGrantable(person, caller);
        return addFor(team, person, command);
    }

    /**
     * A team place the person agreed to by accepting an invitation: no caller scope is checked here (the caller is
     * the person; the granter's scope was checked when inviting).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public TeamMember addAgreed(JoinTeam command) {
        Team team = teams.findByIdOptional(command.teamId(), LockModeType.PESSIMISTIC_WRITE).orElseThrow(() ->
                DomainProblem.conflict("team " + command.teamId() + " no longer exists"));
        Person person = people.findByIdOptional(command.personId()).orElseThrow(() ->
                DomainProblem.invalid("personId", "person " + command.personId() + " does not exist"));
        return addFor(team, person, command);
    }

    private TeamMember addFor(Team team, Person person, JoinTeam command) {
        UUID teamId = team.id();
        UUID personId = person.id();
        LocalDate start = command.startDate();
        Tenure tenure = new Tenure(start == null ? calendar.today() : start, null);
        for (TeamMember existing : teams.membershipsOf(teamId, personId)) {
            if (existing.tenure().overlaps(tenure)) {
                throw DomainProblem.conflict("person " + personId + " is already in team " + teamId);
            }
        }
        TeamMember member = TeamMember.join(Ids.newId(), team, person, command.leader(), tenure,
                OffsetDateTime.now());
        teams.persist(member);
        team.touch(OffsetDateTime.now());
        publish(team);
        return member;
    }

    @Transactional
    public TeamMember leave(UUID nodeId, UUID teamId, UUID memberId, LocalDate day, Caller caller) {
        teams.findByIdOptional(teamId, LockModeType.PESSIMISTIC_WRITE); // as in addMember: members change in turn
        Team team = get(nodeId, teamId, caller);
        caller.requireStaffOver(team.gridPath(), "team " + teamId);
        TeamMember member = teams.member(memberId);
        if (member == null || !member.teamId().equals(teamId)) {
            throw DomainProblem.notFound("team member", memberId);
        }
        member.leave(day == null ? calendar.today() : day);
        team.touch(OffsetDateTime.now());
        publish(team);
        return member;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Membership> members(UUID nodeId, UUID teamId, Caller caller) {
        get(nodeId, teamId, caller);
        return withPeople(teams.members(teamId, calendar.today()));
    }

    @Override
    public void check(GridNode node) {
        long active = teams.activeAtNode(node.id());
        if (active > 0) {
            throw DomainProblem.conflict("node " + node.id() + " still has " + active + " team(s); move or disband "
                    + "them first");
        }
    }

    private void publish(Team team) {
        teams.flush();
        List<TeamChangedV1.Member> members = withPeople(teams.members(team.id(), calendar.today())).stream()
                .map(m -> new TeamChangedV1.Member(m.person().id().toString(), m.person().name(),
                        m.person().subject(), m.member().role()))
                .toList();
        events.teamChanged(team, members);
    }

    private List<Membership> withPeople(List<TeamMember> members) {
        Map<UUID, Person> persons = people.byIds(members.stream().map(TeamMember::personId).toList()).stream()
                .collect(Collectors.toMap(Person::id, Function.identity()));
        return members.stream().map(m -> new Membership(m, persons.get(m.personId()))).toList();
    }
}
