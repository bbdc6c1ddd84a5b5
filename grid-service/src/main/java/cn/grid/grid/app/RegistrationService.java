package cn.grid.grid.app;

import cn.grid.grid.domain.Assignment;
import cn.grid.grid.domain.AssignmentRole;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.Person;
import cn.grid.grid.domain.RegistrationRequest;
import cn.grid.grid.domain.RegistrationStatus;
import cn.grid.grid.messaging.GridEventPublisher;
import cn.grid.grid.persistence.AssignmentRepository;
import cn.grid.grid.persistence.GridNodeRepository;
import cn.grid.grid.persistence.PersonRepository;
import cn.grid.grid.persistence.RegistrationRequestRepository;
import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import cn.grid.platform.time.GridCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * 居住地报到 as a workflow: a party member asks to be registered at the grid where they live; the grid's worker
 * (a current grid head, grid worker or service specialist there or above) or staff whose area holds the grid
 * approves — which starts the PARTY_MEMBER assignment and publishes {@code party-member.registered} in the same
 * transaction — or rejects it with a reason. The member may withdraw it while it is pending. A request is announced
 * when made ({@code registration.submitted}, for the reviewers) and when decided ({@code registration.reviewed}), each
 * in the transaction of its change.
 */
@ApplicationScoped
public class RegistrationService {

    /** A member's own history: their requests, and their PARTY_MEMBER registrations (ended ones included). */
    public record History(List<RegistrationRequest> requests, List<Assignment> registrations,
            Map<UUID, GridNode> nodes) {
    }

    /** A request with the person who made it and the node it is for, for reviewers' lists. */
    public record Reviewed(RegistrationRequest request, Person person, GridNode node) {
    }

    private final RegistrationRequestRepository requests;
    private final GridNodeRepository nodes;
    private final PersonRepository people;
    private final AssignmentRepository assignments;
    private final PeopleService peopleService;
    private final PersonReach reach;
    private final GridCalendar calendar;
    private final IdempotencyKeys idempotencyKeys;
    private final GridEventPublisher events;

    public RegistrationService(RegistrationRequestRepository requests, GridNodeRepository nodes,
            PersonRepository people, AssignmentRepository assignments, PeopleService peopleService,
            PersonReach reach, GridCalendar calendar, IdempotencyKeys idempotencyKeys, GridEventPublisher events) {
        this.requests = requests;
        this.nodes = nodes;
        this.people = people;
        this.assignments = assignments;
        this.peopleService = peopleService;
        this.reach = reach;
        this.calendar = calendar;
        this.idempotencyKeys = idempotencyKeys;
        this.events = events;
    }

    /**
     * The caller asks to be registered at a grid; with an {@code idempotencyKey}, a retry returns the request the
     * first one made.
     */
    @Transactional
    public IdempotencyKeys.Outcome<RegistrationRequest> submit(SubmitRegistration command, Caller caller,
            String idempotencyKey) {
        Person member = reach.personOf(caller).orElseThrow(() -> DomainProblem.forbidden("your login "
                + caller.subject() + " is linked to no person in the grid registry, so it cannot report in; ask "
                + "your community to register you with it"));
        return idempotencyKeys.once("POST /api/v1/grids/{nodeId}/registrations", caller, idempotencyKey,
                command, () -> create(command, member), RegistrationRequest::id,
                requests::findByIdOptional);
    }

    private RegistrationRequest create(SubmitRegistration command, Person member) {
        // the member's row is locked until commit, so two submissions take turns and the second sees the first's
        // pending request (the partial unique index registration_request_pending_uq is the backstop)
        people.findByIdOptional(member.id(), LockModeType.PESSIMISTIC_WRITE);
        GridNode node = nodes.findByIdOptional(command.nodeId()).orElseThrow(() ->
                DomainProblem.notFound("grid node", command.nodeId()));
        if (requests.pendingExists(member.id(), node.id())) {
            throw DomainProblem.conflict("you already have a pending registration request at " + node.id()
                    + "; withdraw it or wait for the decision");
        }
        LocalDate today = calendar.today();
        for (Assignment existing : assignments.samePersonNodeRole(member.id(), node.id(), AssignmentRole.PARTY_MEMBER)) {
            if (existing.holdsOnOrAfter(today)) {
                throw DomainProblem.conflict("you are already registered at " + node.id() + " (assignment "
                        + existing.id() + ")");
            }
        }
        RegistrationRequest request = RegistrationRequest.submit(Ids.newId(), member, node,
                command.workOrganisation(), OffsetDateTime.now());
        requests.persist(request);
        events.registrationSubmitted(request, member);
        return request;
    }

    /** Approves: the member is registered (PARTY_MEMBER from today) and the event goes out with the decision. */
    @Transactional
    public RegistrationRequest approve(UUID nodeId, UUID requestId, long expectedVersion, Caller caller) {
        RegistrationRequest request = lockedForReview(nodeId, requestId, expectedVersion, caller);
        if (request.status() != RegistrationStatus.PENDING) {
            throw DomainProblem.conflict("registration request " + requestId + " is already " + request.status());
        }
        Assignment registration = peopleService.startAgreed(new StartAssignment(request.nodeId(), request.personId(),
                AssignmentRole.PARTY_MEMBER, calendar.today(), null, request.workOrganisation()));
        request.approve(registration, caller.subject(), OffsetDateTime.now());
        events.registrationReviewed(request, people.findById(request.personId()));
        return request;
    }

    @Transactional
    public RegistrationRequest reject(UUID nodeId, UUID requestId, long expectedVersion, String reason,
            Caller caller) {
        RegistrationRequest request = lockedForReview(nodeId, requestId, expectedVersion, caller);
        request.reject(reason, caller.subject(), OffsetDateTime.now());
        events.registrationReviewed(request, people.findById(request.personId()));
        return request;
    }

    /** The member takes back their own pending request. */
    @Transactional
    public RegistrationRequest withdraw(UUID requestId, long expectedVersion, Caller caller) {
        Person member = reach.requirePersonOf(caller);
        RegistrationRequest request = requests.findByIdOptional(requestId, LockModeType.PESSIMISTIC_WRITE)
                .filter(r -> r.personId().equals(member.id()))
                .orElseThrow(() -> DomainProblem.notFound("registration request", requestId));
        IfMatch.check(expectedVersion, request.version(), "registration request " + requestId);
        request.withdraw(caller.subject(), OffsetDateTime.now());
        events.registrationReviewed(request, member);
        return request;
    }

    /** A request of the node, for its reviewers and the member who made it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Reviewed get(UUID nodeId, UUID requestId, Caller caller) {
        RegistrationRequest request = requests.findByIdOptional(requestId).filter(r -> r.nodeId().equals(nodeId))
                .orElseThrow(() -> DomainProblem.notFound("registration request", requestId));
        GridNode node = nodes.findById(request.nodeId());
        Person member = people.findById(request.personId());
        if (!reach.isSelf(member, caller) && !mayReview(caller, reach.personOf(caller), node)) {
            throw DomainProblem.forbidden("registration request " + requestId + " is for a grid you do not review");
        }
        return new Reviewed(request, member, node);
    }

    /** The requests in a node's subtree (optionally of one status), for whoever reviews that node. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> inSubtree(UUID nodeId, RegistrationStatus status, PageRequest page, Caller caller,
            Function<Reviewed, T> view) {
        GridNode node = nodes.findByIdOptional(nodeId).orElseThrow(() -> DomainProblem.notFound("grid node", nodeId));
        if (!mayReview(caller, reach.personOf(caller), node)) {
            throw DomainProblem.forbidden("you do not review the registrations of grid node " + nodeId);
        }
        List<RegistrationRequest> rows = requests.inSubtree(node.path(), status, page.afterId(), page.limit() + 1);
        return page.page(withPeople(rows), r -> r.request().id().toString(), view);
    }

    /** The caller's own requests and registrations; 404 when the login is linked to no person. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public History history(Caller caller) {
        Person member = reach.requirePersonOf(caller);
        List<RegistrationRequest> mine = requests.ofPerson(member.id());
        List<Assignment> registrations = assignments.ofPerson(member.id()).stream()
                .filter(a -> a.role() == AssignmentRole.PARTY_MEMBER).toList();
        List<UUID> nodeIds = new ArrayList<>();
        mine.forEach(r -> nodeIds.add(r.nodeId()));
        registrations.forEach(a -> nodeIds.add(a.nodeId()));
        Map<UUID, GridNode> at = nodes.lineage(nodeIds.stream().distinct().toList()).stream()
                .collect(Collectors.toMap(GridNode::id, Function.identity()));
        return new History(mine, registrations, at);
    }

    /** Pending requests the caller may decide, oldest first, at most {@code limit}; with the full count. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ReviewQueue queue(Caller caller, int limit) {
        Optional<Person> reviewer = reach.personOf(caller);
        List<String> paths = reviewPaths(caller, reviewer);
        UUID self = reviewer.map(Person::id).orElse(null);
        return new ReviewQueue(withPeople(requests.pendingUnder(paths, self, limit)),
                requests.countPendingUnder(paths, self));
    }

    /** A page of a reviewer's queue and how many wait in all. */
    public record ReviewQueue(List<Reviewed> items, long total) {
    }

    private RegistrationRequest lockedForReview(UUID nodeId, UUID requestId, long expectedVersion, Caller caller) {
        // locked until commit: two reviewers deciding at once take turns, and the second one's If-Match is stale
        RegistrationRequest request = requests.findByIdOptional(requestId, LockModeType.PESSIMISTIC_WRITE)
                .filter(r -> r.nodeId().equals(nodeId))
                .orElseThrow(() -> DomainProblem.notFound("registration request", requestId));
        GridNode node = nodes.findById(request.nodeId());
        Optional<Person> reviewer = reach.personOf(caller);
        if (!mayReview(caller, reviewer, node)) {
            throw DomainProblem.forbidden("you do not review the registrations of grid node " + nodeId
                    + ": that takes a current grid head, grid worker or service specialist assignment there or "
                    + "above, or staff whose area holds it");
        }
        if (reviewer.isPresent() && reviewer.get().id().equals(request.personId())) {
            throw DomainProblem.forbidden("nobody decides their own registration request; another reviewer of "
                    + "grid node " + nodeId + " does");
        }
        IfMatch.check(expectedVersion, request.version(), "registration request " + requestId);
        return request;
    }

    /**
     * Whether the caller decides registrations at {@code node}: staff over it by the registry (a current grid head,
     * grid worker or service specialist assignment there or above, an organisation administrator whose grid holds
     * it) or a district administrator. A service account reads but does not decide. A token's grid_scope narrows.
     */
    private boolean mayReview(Caller caller, Optional<Person> reviewer, GridNode node) {
        if (caller.hasRole(Roles.SERVICE) && !caller.hasRole(Roles.DISTRICT_ADMIN)) {
            return false;
        }
        return caller.staffOver(node.path());
    }

    /** The subtrees whose pending requests the caller decides (the same rule as {@link #mayReview}). */
    private List<String> reviewPaths(Caller caller, Optional<Person> reviewer) {
        if (caller.hasRole(Roles.DISTRICT_ADMIN)) {
            if (caller.gridScope() == null) {
                return List.of("/");
            }
            return scopeNode(caller.gridScope()).map(scope -> List.of(scope.path())).orElse(List.of());
        }
        if (caller.hasRole(Roles.SERVICE)) {
            return List.of();
        }
        return caller.reach(true);
    }

    private Optional<GridNode> scopeNode(String gridScope) {
        try {
            return nodes.findByIdOptional(UUID.fromString(gridScope));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private List<Reviewed> withPeople(List<RegistrationRequest> rows) {
        Map<UUID, Person> persons = people.byIds(rows.stream().map(RegistrationRequest::personId).distinct().toList())
                .stream().collect(Collectors.toMap(Person::id, Function.identity()));
        Map<UUID, GridNode> at = nodes.lineage(rows.stream().map(RegistrationRequest::nodeId).distinct().toList())
                .stream().collect(Collectors.toMap(GridNode::id, Function.identity()));
        return rows.stream().map(r -> new Reviewed(r, persons.get(r.personId()), at.get(r.nodeId()))).toList();
    }
}
