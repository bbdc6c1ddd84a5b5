package cn.grid.grid.app;

import cn.grid.grid.domain.Assignment;
import cn.grid.grid.domain.AssignmentRole;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.Invitation;
import cn.grid.grid.domain.InvitationKind;
import cn.grid.grid.domain.InvitationStatus;
import cn.grid.grid.domain.MembershipRole;
import cn.grid.grid.domain.PartyOrg;
import cn.grid.grid.domain.Person;
import cn.grid.grid.domain.Team;
import cn.grid.grid.domain.TeamMember;
import cn.grid.grid.persistence.GridNodeRepository;
import cn.grid.grid.persistence.InvitationRepository;
import cn.grid.grid.persistence.PartyOrgRepository;
import cn.grid.grid.persistence.PersonRepository;
import cn.grid.grid.persistence.TeamRepository;
import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Invitations: how someone outside the granter's area ({@link PersonReach}) gets a role, a membership or a team
 * place. The granter's scope over the place is checked when inviting; the grant is made — with its usual event —
 * only when the person accepts with their own login.
 */
@ApplicationScoped
public class InvitationService {

    /** An invitation with the name of what it offers (node, organisation or team), for the person's list. */
    public record Offered(Invitation invitation, String placeName) {
    }

    private final InvitationRepository invitations;
    private final PersonRepository people;
    private final GridNodeRepository nodes;
    private final PartyOrgRepository orgs;
    private final TeamRepository teams;
    private final PeopleService peopleService;
    private final PartyOrgService partyOrgService;
    private final TeamService teamService;
    private final PersonReach reach;
    private final IdempotencyKeys idempotencyKeys;

    public InvitationService(InvitationRepository invitations, PersonRepository people, GridNodeRepository nodes,
            PartyOrgRepository orgs, TeamRepository teams, PeopleService peopleService,
            PartyOrgService partyOrgService, TeamService teamService, PersonReach reach,
            IdempotencyKeys idempotencyKeys) {
        this.invitations = invitations;
        this.people = people;
        this.nodes = nodes;
        this.orgs = orgs;
        this.teams = teams;
        this.peopleService = peopleService;
        this.partyOrgService = partyOrgService;
        this.teamService = teamService;
        this.reach = reach;
        this.idempotencyKeys = idempotencyKeys;
    }

    /** Offers a grant; with an {@code idempotencyKey}, a retry returns the invitation the first call made. */
    @Transactional
    public IdempotencyKeys.Outcome<Invitation> invite(OfferGrant command, Caller caller, String idempotencyKey) {
        return idempotencyKeys.once("POST /api/v1/people/{personId}/invitations", caller, idempotencyKey,
                command, () -> create(command, caller), Invitation::id, invitations::findByIdOptional);
    }

    private Invitation create(OfferGrant command, Caller caller) {
        Person person = people.findByIdOptional(command.personId()).orElseThrow(() ->
                DomainProblem.notFound("person", command.personId()));
        if (person.subject() == null) {
            throw DomainProblem.invalid("personId", "person " + person.id() + " has no login to accept an "
                    + "invitation with; register their login subject first");
        }
        String by = caller.subject();
        OffsetDateTime now = OffsetDateTime.now();
        Invitation invitation = switch (command.kind()) {
            case ASSIGNMENT -> {
                GridNode node = nodes.findByIdOptional(required(command.nodeId(), "nodeId")).orElseThrow(() ->
                        DomainProblem.invalid("nodeId", "grid node " + command.nodeId() + " does not exist"));
                if (!caller.orgAdminOver(node.path())) {
                    // as for a direct assignment: appointing is for organisation and district administrators
                    throw DomainProblem.forbidden("grid node " + node.id() + " is outside the area where the "
                            + "registry makes you an administrator");
                }
                AssignmentRole role = parse(AssignmentRole.class, required(command.role(), "role"));
                Assignment.requireWorkOrganisationFits(role, command.workOrganisation());
                yield Invitation.offer(Ids.newId(), person, InvitationKind.ASSIGNMENT, node, role.name(), null, null,
                        command.startDate(), command.endDate(), command.workOrganisation(), by, now);
            }
            case ORG_MEMBERSHIP -> {
                PartyOrg org = orgs.findByIdOptional(required(command.orgId(), "orgId")).orElseThrow(() ->
                        DomainProblem.invalid("orgId", "party organisation " + command.orgId() + " does not exist"));
                caller.requireStaffOver(org.gridPath(), "party organisation " + org.id());
                MembershipRole role = command.role() == null ? MembershipRole.MEMBER
                        : parse(MembershipRole.class, command.role());
                org.requireRoleFits(role);
                requireNoEnd(command);
                yield Invitation.offer(Ids.newId(), person, InvitationKind.ORG_MEMBERSHIP,
                        nodes.findById(org.gridNodeId()), role.name(), org.id(), null, command.startDate(), null,
                        null, by, now);
            }
            case TEAM -> {
                Team team = teams.findByIdOptional(required(command.teamId(), "teamId")).orElseThrow(() ->
                        DomainProblem.invalid("teamId", "team " + command.teamId() + " does not exist"));
                caller.requireStaffOver(team.gridPath(), "team " + team.id());
                String role = command.role() == null ? TeamMember.MEMBER : command.role();
                if (!TeamMember.MEMBER.equals(role) && !TeamMember.LEADER.equals(role)) {
                    throw DomainProblem.invalid("role", "a team place is LEADER or MEMBER");
                }
                requireNoEnd(command);
                yield Invitation.offer(Ids.newId(), person, InvitationKind.TEAM, nodes.findById(team.gridNodeId()),
                        role, null, team.id(), command.startDate(), null, null, by, now);
            }
        };
        invitations.persist(invitation);
        return invitation;
    }

    /** The person accepts: the grant is made now, with the event it always publishes. */
    @Transactional
    public Invitation accept(UUID invitationId, long expectedVersion, Caller caller) {
        Invitation invitation = ownLocked(invitationId, expectedVersion, caller);
        if (invitation.status() != InvitationStatus.PENDING) {
            throw DomainProblem.conflict("invitation " + invitationId + " is already " + invitation.status());
        }
        UUID grant = switch (invitation.kind()) {
            case ASSIGNMENT -> peopleService.startAgreed(new StartAssignment(invitation.nodeId(),
                    invitation.personId(), AssignmentRole.valueOf(invitation.role()), invitation.startDate(),
                    invitation.endDate(), invitation.workOrganisation())).id();
            case ORG_MEMBERSHIP -> partyOrgService.admitAgreed(new JoinPartyOrg(invitation.orgId(),
                    invitation.personId(), MembershipRole.valueOf(invitation.role()), invitation.startDate())).id();
            case TEAM -> teamService.addAgreed(new JoinTeam(invitation.nodeId(), invitation.teamId(),
                    invitation.personId(), TeamMember.LEADER.equals(invitation.role()), invitation.startDate())).id();
        };
        invitation.accept(grant, OffsetDateTime.now());
        return invitation;
    }

    @Transactional
    public Invitation decline(UUID invitationId, long expectedVersion, Caller caller) {
        Invitation invitation = ownLocked(invitationId, expectedVersion, caller);
        invitation.decline(OffsetDateTime.now());
        return invitation;
    }

    /** The caller's invitations, newest first; 404 when the login is linked to no person. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Offered> mine(Caller caller) {
        return named(invitations.ofPerson(reach.requirePersonOf(caller).id()));
    }

    /** The caller's unanswered invitations (at most {@code limit}, oldest first) and how many there are. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Pending pending(Caller caller, int limit) {
        return reach.personOf(caller)
                .map(person -> new Pending(named(invitations.pendingOf(person.id(), limit)),
                        invitations.countPendingOf(person.id())))
                .orElseGet(() -> new Pending(List.of(), 0));
    }

    /** A page of a person's unanswered invitations and how many wait in all. */
    public record Pending(List<Offered> items, long total) {
    }

    private Invitation ownLocked(UUID invitationId, long expectedVersion, Caller caller) {
        Person person = reach.requirePersonOf(caller);
        // locked until commit: an accept and a decline sent at once take turns, and the second one's If-Match is stale
        Invitation invitation = invitations.findByIdOptional(invitationId, LockModeType.PESSIMISTIC_WRITE)
                .filter(i -> i.personId().equals(person.id()))
                .orElseThrow(() -> DomainProblem.notFound("invitation", invitationId));
        IfMatch.check(expectedVersion, invitation.version(), "invitation " + invitationId);
        return invitation;
    }

    private List<Offered> named(List<Invitation> rows) {
        Map<UUID, String> nodeNames = nodes.lineage(rows.stream().map(Invitation::nodeId).distinct().toList())
                .stream().collect(Collectors.toMap(GridNode::id, GridNode::name));
        Map<UUID, String> orgNames = orgs.byIds(rows.stream().map(Invitation::orgId)
                        .filter(Objects::nonNull).distinct().toList())
                .stream().collect(Collectors.toMap(PartyOrg::id, PartyOrg::name));
        Map<UUID, String> teamNames = teams.byIds(rows.stream().map(Invitation::teamId)
                        .filter(Objects::nonNull).distinct().toList())
                .stream().collect(Collectors.toMap(Team::id, Team::name));
        return rows.stream().map(i -> new Offered(i, switch (i.kind()) {
            case ASSIGNMENT -> nodeNames.get(i.nodeId());
            case ORG_MEMBERSHIP -> orgNames.get(i.orgId());
            case TEAM -> teamNames.get(i.teamId());
        })).toList();
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw DomainProblem.invalid(field, "must not be null for this kind of invitation");
        }
        return value;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException unknown) {
            throw DomainProblem.invalid("role", "'" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static void requireNoEnd(OfferGrant command) {
        if (command.endDate() != null) {
            throw DomainProblem.invalid("endDate", "a membership or team place is open-ended; end it when it ends");
        }
        Assignment.requireWorkOrganisationFits(null, command.workOrganisation());
    }
}
