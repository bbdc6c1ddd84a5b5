package cn.grid.grid.app;

import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.MembershipRole;
import cn.grid.grid.domain.OrgMembership;
import cn.grid.grid.domain.PartyOrg;
import cn.grid.grid.domain.Person;
import cn.grid.grid.domain.Tenure;
import cn.grid.grid.messaging.GridEventPublisher;
import cn.grid.grid.persistence.GridNodeRepository;
import cn.grid.grid.persistence.PartyOrgRepository;
import cn.grid.grid.persistence.PersonRepository;
import cn.grid.platform.concurrency.IfMatch;
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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Party organisations, their memberships and counts. Scope: the grid node an organisation serves. */
@ApplicationScoped
public class PartyOrgService implements RetirementGuard {

    /** Counts of a grid subtree's party organisations and members on a day. */
    public record Counts(LocalDate on, List<Object[]> orgsByKind, long members, long registeredMembers) {
    }

    private final PartyOrgRepository orgs;
    private final GridNodeRepository nodes;
    private final PersonRepository people;
    private final GridCalendar calendar;
    private final GridEventPublisher events;
    private final IdempotencyKeys idempotencyKeys;
    private final PersonReach reach;

    public PartyOrgService(PartyOrgRepository orgs, GridNodeRepository nodes, PersonRepository people,
            GridCalendar calendar, GridEventPublisher events, IdempotencyKeys idempotencyKeys, PersonReach reach) {
        this.reach = reach;
        this.orgs = orgs;
        this.nodes = nodes;
        this.people = people;
        this.calendar = calendar;
        this.events = events;
        this.idempotencyKeys = idempotencyKeys;
    }

    /**
     * Founds an organisation; with an {@code idempotencyKey}, a retry of the same request returns the organisation
     * the first one founded instead of a second one.
     */
    @Transactional
    public IdempotencyKeys.Outcome<PartyOrg> found(FoundPartyOrg command, Caller caller, String idempotencyKey) {
        return idempotencyKeys.once("POST /api/v1/party-orgs", caller, idempotencyKey,
                command, () -> create(command, caller), o -> o.id(), orgs::findByIdOptional);
    }

    private PartyOrg create(FoundPartyOrg command, Caller caller) {
        GridNode grid = nodes.findByIdOptional(command.gridNodeId()).orElseThrow(() ->
                DomainProblem.invalid("gridNodeId", "grid node " + command.gridNodeId() + " does not exist"));
        caller.requireStaffOver(grid.path(), "grid node " + grid.id());
        PartyOrg parent = null;
        if (command.parentId() != null) {
            parent = orgs.findByIdOptional(command.parentId()).orElseThrow(() ->
                    DomainProblem.invalid("parentId", "party organisation " + command.parentId() + " does not exist"));
            caller.requireStaffOver(parent.gridPath(), "party organisation " + parent.id());
        }
        PartyOrg org = PartyOrg.found(Ids.newId(), parent, command.kind(), command.branchType(), command.name(), grid,
                OffsetDateTime.now());
        orgs.persist(org);
        events.partyOrgCreated(org);
        return org;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PartyOrg get(UUID id, Caller caller) {
        PartyOrg org = orgs.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("party organisation", id));
        caller.requireScope(org.gridPath(), "party organisation " + id);
        return org;
    }

    @Transactional
    public PartyOrg rename(UUID id, long expectedVersion, String name, Caller caller) {
        PartyOrg org = get(id, caller);
        caller.requireStaffOver(org.gridPath(), "party organisation " + id);
        IfMatch.check(expectedVersion, org.version(), "party organisation " + id);
        org.rename(name, OffsetDateTime.now());
        events.partyOrgChanged(org);
        return org;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> children(UUID id, PageRequest page, Caller caller, Function<PartyOrg, T> view) {
        get(id, caller);
        return page.page(orgs.children(id, page.afterId(), page.limit() + 1), o -> o.id().toString(), view);
    }

    /**
     * A person joins (or takes a role); with an {@code idempotencyKey}, a retry of the same request returns the
     * membership the first one made (two retries racing would otherwise both pass the checks below).
     */
    @Transactional
    public IdempotencyKeys.Outcome<OrgMembership> join(JoinPartyOrg command, Caller caller, String idempotencyKey) {
        return idempotencyKeys.once("POST /api/v1/party-orgs/{id}/members", caller, idempotencyKey,
                command, () -> admit(command, caller), m -> m.id(),
                id -> Optional.ofNullable(orgs.membership(id)));
    }

    private OrgMembership admit(JoinPartyOrg command, Caller caller) {
        UUID orgId = command.orgId();
        UUID personId = command.personId();
        // the organisation's row is locked until commit, so joins to it take turns and the checks below (one
        // membership per role, one secretary) see every membership committed before; without it two passed at once
        orgs.findByIdOptional(orgId, LockModeType.PESSIMISTIC_WRITE);
        PartyOrg org = get(orgId, caller);
        caller.requireStaffOver(org.gridPath(), "party organisation " + orgId);
        Person person = people.findByIdOptional(personId).orElseThrow(() ->
                DomainProblem.invalid("personId", "person " + personId + " does not exist"));
        reach.requireGrantable(person, caller);
        return admitFor(org, person, command);
    }

    /**
     * A membership the person agreed to by accepting an invitation: no caller scope is checked here (the caller is
     * the person; the granter's scope was checked when inviting).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OrgMembership admitAgreed(JoinPartyOrg command) {
        PartyOrg org = orgs.findByIdOptional(command.orgId(), LockModeType.PESSIMISTIC_WRITE).orElseThrow(() ->
                DomainProblem.conflict("party organisation " + command.orgId() + " no longer exists"));
        Person person = people.findByIdOptional(command.personId()).orElseThrow(() ->
                DomainProblem.invalid("personId", "person " + command.personId() + " does not exist"));
        return admitFor(org, person, command);
    }

    private OrgMembership admitFor(PartyOrg org, Person person, JoinPartyOrg command) {
        UUID orgId = org.id();
        UUID personId = person.id();
        MembershipRole role = command.role();
        LocalDate start = command.startDate();
        Tenure tenure = new Tenure(start == null ? calendar.today() : start, null);
        for (OrgMembership existing : orgs.membershipsOf(orgId, personId)) {
            if (existing.role() == role && existing.tenure().overlaps(tenure)) {
                throw DomainProblem.conflict("person " + personId + " is already " + role + " of " + orgId);
            }
        }
        if (role.isSingle()) {
            for (OrgMembership holder : orgs.holdersOf(orgId, role)) {
                if (holder.tenure().overlaps(tenure)) {
                    throw DomainProblem.conflict(orgId + " already has a " + role + " (membership " + holder.id()
                            + "); end it first");
                }
            }
        }
        OrgMembership membership = OrgMembership.join(Ids.newId(), org, person, role, tenure, OffsetDateTime.now());
        orgs.persist(membership);
        events.membershipChanged(membership, person);
        return membership;
    }

    @Transactional
    public OrgMembership leave(UUID orgId, UUID membershipId, long expectedVersion, LocalDate day, Caller caller) {
        PartyOrg org = get(orgId, caller);
        caller.requireStaffOver(org.gridPath(), "party organisation " + orgId);
        OrgMembership membership = orgs.membership(membershipId);
        if (membership == null || !membership.orgId().equals(orgId)) {
            throw DomainProblem.notFound("membership", membershipId);
        }
        IfMatch.check(expectedVersion, membership.version(), "membership " + membershipId);
        membership.end(day == null ? calendar.today() : day);
        events.membershipChanged(membership, people.findById(membership.personId()));
        return membership;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OrgMembership> members(UUID orgId, LocalDate day, Caller caller) {
        get(orgId, caller);
        return orgs.memberships(orgId, day == null ? calendar.today() : day);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Counts counts(UUID gridNodeId, LocalDate day, Caller caller) {
        GridNode grid = nodes.findByIdOptional(gridNodeId).orElseThrow(() -> DomainProblem.notFound("grid node",
                gridNodeId));
        caller.requireScope(grid.path(), "grid node " + gridNodeId);
        LocalDate on = day == null ? calendar.today() : day;
        return new Counts(on, orgs.countsInGridSubtree(grid.path()), orgs.membersInGridSubtree(grid.path(), on),
                orgs.registeredMembersInGridSubtree(grid.path(), on));
    }

    @Override
    public void check(GridNode node) {
        long active = orgs.activeAtNode(node.id());
        if (active > 0) {
            throw DomainProblem.conflict("node " + node.id() + " is still served by " + active
                    + " party organisation(s); relink or dissolve them first");
        }
    }
}
