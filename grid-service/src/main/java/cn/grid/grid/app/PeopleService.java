package cn.grid.grid.app;

import cn.grid.grid.domain.Assignment;
import cn.grid.grid.domain.AssignmentRole;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.IdentityNumber;
import cn.grid.grid.domain.Person;
import cn.grid.grid.domain.Tenure;
import cn.grid.grid.messaging.GridEventPublisher;
import cn.grid.grid.persistence.AssignmentRepository;
import cn.grid.grid.persistence.GridNodeRepository;
import cn.grid.grid.persistence.PersonRepository;
import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.platform.security.Caller;
import cn.grid.platform.time.GridCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The person registry and assignments of people to nodes. Transactions and scope checks live here. */
@ApplicationScoped
public class PeopleService implements RetirementGuard {

    private final PersonRepository people;
    private final AssignmentRepository assignments;
    private final GridNodeRepository nodes;
    private final IdentityNumberProtector identities;
    private final GridEventPublisher events;
    private final GridCalendar calendar;
    private final IdempotencyKeys idempotencyKeys;
    private final PersonReach reach;

    public PeopleService(PersonRepository people, AssignmentRepository assignments, GridNodeRepository nodes,
            IdentityNumberProtector identities, GridEventPublisher events, GridCalendar calendar,
            IdempotencyKeys idempotencyKeys, PersonReach reach) {
        this.reach = reach;
        this.people = people;
        this.assignments = assignments;
        this.nodes = nodes;
        this.identities = identities;
        this.events = events;
        this.calendar = calendar;
        this.idempotencyKeys = idempotencyKeys;
    }

    /** Today where the grids are; "active now" and default dates mean this day. */
    public LocalDate today() {
        return calendar.today();
    }

    /**
     * Registers a person; with an {@code idempotencyKey}, a retry of the same registration returns the person the
     * first one registered instead of a second one.
     */
    @Transactional
    public IdempotencyKeys.Outcome<Person> register(RegisterPerson command, Caller caller, String idempotencyKey) {
        GridNode home = nodes.findByIdOptional(command.homeNodeId()).orElseThrow(() ->
                DomainProblem.invalid("homeNodeId", "grid node " + command.homeNodeId() + " does not exist"));
        caller.requireStaffOver(home.path(), "home node " + home.id());
        IdentityNumber.Protected idNumber = command.idNumber() == null ? null
                : identities.protect(command.idNumber(), "idNumber");
        // The request is kept as a plain SHA-256 fingerprint; with the identity number in it, the few digits the
        // stored person does not reveal could be searched through. Its keyed hash stands in for it instead.
        RegisterPerson request = new RegisterPerson(command.name(), command.phone(), command.address(),
                idNumber == null ? null : idNumber.hmac(), command.homeNodeId(), command.subject());
        return idempotencyKeys.once("POST /api/v1/people", caller, idempotencyKey,
                request, () -> create(command, home, idNumber), p -> p.id(), people::findByIdOptional);
    }

    private Person create(RegisterPerson command, GridNode home, IdentityNumber.Protected idNumber) {
        if (idNumber != null && people.identityTaken(idNumber.hmac())) {
            throw DomainProblem.conflict("a person with this identity number is already registered");
        }
        if (people.subjectTaken(command.subject())) {
            throw DomainProblem.conflict("login subject " + command.subject() + " already belongs to a person");
        }
        Person person = Person.register(Ids.newId(), command.name(), command.phone(), command.address(), idNumber,
                home, command.subject(), OffsetDateTime.now());
        people.persist(person);
        return person;
    }

    /**
     * A person: for the person themself (their login is the person's subject), and for staff whose area holds the
     * person ({@link PersonReach#within}: home, a current or planned assignment, a current membership or team place).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Person get(UUID id, Caller caller) {
        Person person = people.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("person", id));
        // contact data is the person's own and staff's business: a member sharing a grid with the person does not see it
        if (!reach.isSelf(person, caller) && !reach.within(person, caller)) {
            throw DomainProblem.forbidden("person " + id + " is outside the grid scope where the registry makes you staff");
        }
        return person;
    }

    /**
     * Starts an assignment; with an {@code idempotencyKey}, a retry of the same request returns the assignment the
     * first one started (two retries racing would otherwise both pass the overlap check).
     */
    @Transactional
    public IdempotencyKeys.Outcome<Assignment> assign(StartAssignment command, Caller caller,
            String idempotencyKey) {
        return idempotencyKeys.once("POST /api/v1/grids/{nodeId}/assignments", caller, idempotencyKey,
                command, () -> start(command, caller), a -> a.id(), assignments::findByIdOptional);
    }

    private Assignment start(StartAssignment command, Caller caller) {
        UUID nodeId = command.nodeId();
        GridNode node = nodes.findByIdOptional(nodeId).orElseThrow(() -> DomainProblem.notFound("grid node", nodeId));
        caller.requireStaffOver(node.path(), "grid node " + nodeId);
        if (!caller.orgAdminOver(node.path()) && command.role() != AssignmentRole.PARTY_MEMBER) {
            // a grid worker records residence registrations in their grids; appointing is for administrators
            String message = "a grid worker records only PARTY_MEMBER registrations; other roles are appointed "
                    + "by an administrator";
            throw new DomainProblem(ProblemType.FORBIDDEN, "role: " + message,
                    List.of(new Problem.FieldError("role", message)));
        }
        Person person = lockPerson(command.personId());
        reach.requireGrantable(person, caller);
        return startFor(node, person, command);
    }

    /**
     * Starts an assignment someone entitled to has already agreed to: a reviewer approving a member's own
     * registration request, or the person accepting an invitation. No caller scope is checked here; the caller is
     * that reviewer or that person.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Assignment startAgreed(StartAssignment command) {
        GridNode node = nodes.findByIdOptional(command.nodeId()).orElseThrow(() ->
                DomainProblem.conflict("grid node " + command.nodeId() + " no longer exists"));
        return startFor(node, lockPerson(command.personId()), command);
    }

    /**
     * The person's row is locked until commit, so two starts for one person take turns: the second one's overlap
     * check sees the first one's assignment (without the lock both passed it and both were stored).
     */
    private Person lockPerson(UUID personId) {
        return people.findByIdOptional(personId, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() ->
                DomainProblem.invalid("personId", "person " + personId + " does not exist"));
    }

    private Assignment startFor(GridNode node, Person person, StartAssignment command) {
        UUID nodeId = node.id();
        LocalDate start = command.startDate() == null ? today() : command.startDate();
        Tenure tenure = new Tenure(start, command.endDate());
        Assignment.requireNoOverlap(person.id(), nodeId, command.role(), tenure,
                assignments.samePersonNodeRole(person.id(), nodeId, command.role()));
        Assignment assignment = Assignment.start(Ids.newId(), person, node, command.role(), start,
                command.endDate(), command.workOrganisation(), OffsetDateTime.now());
        assignments.persist(assignment);
        events.assignmentStarted(assignment, person);
        return assignment;
    }

    @Transactional
    public Assignment end(UUID nodeId, UUID assignmentId, long expectedVersion, LocalDate endDate, String reason,
            Caller caller) {
        Assignment assignment = assignments.findByIdOptional(assignmentId)
                .filter(a -> a.nodeId().equals(nodeId))
                .orElseThrow(() -> DomainProblem.notFound("assignment", assignmentId));
        caller.requireStaffOver(assignment.nodePath(), "assignment " + assignmentId);
        IfMatch.check(expectedVersion, assignment.version(), "assignment " + assignmentId);
        assignment.end(endDate == null ? today() : endDate, reason);
        events.assignmentEnded(assignment);
        return assignment;
    }

    /** People holding a role (or any role) somewhere in the node's subtree on {@code day}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> inSubtree(UUID nodeId, AssignmentRole role, LocalDate day, PageRequest page,
            Caller caller, Function<Responsibility, T> view) {
        GridNode node = nodes.findByIdOptional(nodeId).orElseThrow(() -> DomainProblem.notFound("grid node", nodeId));
        caller.requireStaffOver(node.path(), "grid node " + nodeId);
        List<Assignment> rows = assignments.inSubtree(node.path(), role, day == null ? today() : day, page.afterId(),
                page.limit() + 1);
        Map<UUID, Person> persons = byId(people.byIds(rows.stream().map(Assignment::personId).toList()), Person::id);
        Map<UUID, GridNode> at = byId(nodes.lineage(rows.stream().map(Assignment::nodeId).distinct().toList()),
                GridNode::id);
        return page.page(rows, a -> a.id().toString(),
                a -> view.apply(new Responsibility(a, persons.get(a.personId()), at.get(a.nodeId()))));
    }

    /**
     * Who was responsible for the node on {@code day}: the assignments holding that day at the node and at each
     * ancestor, the node's own first (an escalation walks up this list).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Responsibility> responsibleOn(UUID nodeId, LocalDate day, Caller caller) {
        GridNode node = nodes.findByIdOptional(nodeId).orElseThrow(() -> DomainProblem.notFound("grid node", nodeId));
        caller.requireScope(node.path(), "grid node " + nodeId);
        List<UUID> lineage = node.lineage();
        Map<UUID, GridNode> line = byId(nodes.lineage(lineage), GridNode::id);
        List<Assignment> active = assignments.activeAt(lineage, day == null ? today() : day);
        Map<UUID, Person> persons = byId(people.byIds(active.stream().map(Assignment::personId).toList()), Person::id);
        return active.stream()
                .sorted(Comparator.comparing((Assignment a) -> -line.get(a.nodeId()).depth())
                        .thenComparing(Assignment::role).thenComparing(Assignment::startDate))
                .map(a -> new Responsibility(a, persons.get(a.personId()), line.get(a.nodeId())))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Assignment> history(UUID personId, Caller caller) {
        get(personId, caller);
        return assignments.ofPerson(personId);
    }

    /** Retiring a node waits until nobody holds (or will hold) an assignment there. */
    @Override
    public void check(GridNode node) {
        long holding = assignments.currentOrFutureAt(node.id(), today());
        if (holding > 0) {
            throw DomainProblem.conflict("node " + node.id() + " still has " + holding
                    + " current or planned assignment(s); end or reassign them first");
        }
    }

    private static <T> Map<UUID, T> byId(List<T> items, Function<T, UUID> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
