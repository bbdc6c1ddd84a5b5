package cn.grid.request.app;

import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import cn.grid.platform.time.GridCalendar;
import cn.grid.readmodel.grid.AssignmentSnapshot;
import cn.grid.readmodel.grid.GridAssignmentViews;
import cn.grid.readmodel.grid.GridNodeSnapshot;
import cn.grid.readmodel.grid.GridNodeViews;
import cn.grid.readmodel.grid.PartyOrgAndTeamViews;
import cn.grid.request.domain.Assignee;
import cn.grid.request.domain.Dispatch;
import cn.grid.request.domain.DispatchTarget;
import cn.grid.request.domain.GridPlace;
import cn.grid.request.domain.Outcome;
import cn.grid.request.domain.RequestComment;
import cn.grid.request.domain.RequestStatus;
import cn.grid.request.domain.RequestType;
import cn.grid.request.domain.ServiceRequest;
import cn.grid.request.domain.Transition;
import cn.grid.request.domain.TransitionRecord;
import cn.grid.request.messaging.RequestEventPublisher;
import cn.grid.request.persistence.CommentRepository;
import cn.grid.request.persistence.DuplicateRepository;
import cn.grid.request.persistence.RegistryPeople;
import cn.grid.request.persistence.ServiceRequestRepository;
import cn.grid.request.persistence.TransitionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The ticket lifecycle (受理 → 派单 → 签收 → 办理 → 办结 → 评价). Each move: one transaction that checks the
 * ETag the client read, who may make it, asks the domain whether the state allows it, records it for the
 * audit trail and publishes it through the outbox.
 */
@ApplicationScoped
public class RequestLifecycleService {

    private final ServiceRequestRepository requests;
    private final TransitionRepository transitions;
    private final GridNodeViews grids;
    private final PartyOrgAndTeamViews teams;
    private final GridAssignmentViews assignments;
    private final RequestEventPublisher events;
    private final CommentRepository comments;
    private final GridCalendar calendar;
    private final DuplicateRepository duplicateMarks;
    private final EscalationService escalation;
    private final RegistryPeople people;

    public RequestLifecycleService(ServiceRequestRepository requests, TransitionRepository transitions,
            GridNodeViews grids, PartyOrgAndTeamViews teams, GridAssignmentViews assignments,
            RequestEventPublisher events, CommentRepository comments, GridCalendar calendar,
            DuplicateRepository duplicateMarks, EscalationService escalation, RegistryPeople people) {
        this.requests = requests;
        this.transitions = transitions;
        this.grids = grids;
        this.teams = teams;
        this.assignments = assignments;
        this.events = events;
        this.comments = comments;
        this.calendar = calendar;
        this.duplicateMarks = duplicateMarks;
        this.escalation = escalation;
        this.people = people;
    }

    @Transactional
    public ServiceRequest accept(UUID id, long version, Caller caller) {
        return move(id, version, caller, Transition.ACCEPT, null, r -> {
            requireStaff(r, caller);
            return r.accept(now());
        });
    }

    @Transactional
    public ServiceRequest reject(UUID id, long version, String reason, Caller caller) {
        return move(id, version, caller, Transition.REJECT, reason, r -> {
            requireStaff(r, caller);
            return r.reject(reason, now());
        });
    }

    @Transactional
    public ServiceRequest dispatch(UUID id, long version, DispatchTarget type, String targetId, String targetName,
            Caller caller) {
        return move(id, version, caller, Transition.DISPATCH, null, r -> {
            requireStaff(r, caller);
            UUID gridId = null;
            String gridPath = null;
            String chosenId = targetId;
            String chosenName = targetName;
            switch (type) {
                case GRID -> {
                    GridNodeSnapshot grid = grids.require(uuid(targetId, "targetId"), "targetId");
                    caller.requireStaffOver(grid.path(), "grid node " + grid.id());
                    gridId = grid.id();
                    gridPath = grid.path();
                }
                case TEAM -> {
                    UUID teamId = uuid(targetId, "targetId");
                    RegistryPeople.Named team = people.activeTeamWithin(teamId, r.gridPath())
                            .orElseThrow(() -> DomainProblem.invalid("targetId", "team " + teamId + " is not known "
                                    + "here, not active, or not of request " + r.id() + "'s grid or above it"));
                    chosenId = team.id().toString();
                    chosenName = team.name();
                }
                case PERSON -> {
                    requireText(targetId, "targetId", "the person's id in the registry");
                    UUID personId = uuid(targetId, "targetId");
                    // someone the registry places in the ticket's grid or above: a ticket is not sent out of the area
                    RegistryPeople.Named person = people.personWithin(personId, r.gridPath(), calendar.today())
                            .orElseThrow(() -> DomainProblem.invalid("targetId", "person " + personId + " is not "
                                    + "known here or holds no current role, membership or team place in request "
                                    + r.id() + "'s grid or above it"));
                    chosenId = person.id().toString();
                    chosenName = person.name();
                }
                case DEPARTMENT -> requireText(targetName, "targetName", "the department's name");
            }
            return r.dispatch(Dispatch.to(type, chosenId, chosenName),
                    gridId == null ? null : new GridPlace(gridId, gridPath), now());
        });
    }

    /** 接单: whoever the ticket was dispatched to takes it. */
    @Transactional
    public ServiceRequest sign(UUID id, long version, Caller caller) {
        return move(id, version, caller, Transition.SIGN, null, r -> {
            if (!mayTake(r, caller)) {
                Dispatch to = r.dispatch();
                throw DomainProblem.forbidden("request " + id + " was dispatched to " + to.targetType()
                        + " " + (to.targetId() == null ? to.targetName() : to.targetId())
                        + "; you are not among those who may take it");
            }
            return r.sign(assigneeOf(caller), now());
        });
    }

    /**
     * 认领: of many parallel claims exactly one wins — each claim bumps the ticket's version, so every other
     * claim fails its optimistic-lock check and gets a 409.
     */
    @Transactional
    public ServiceRequest claim(UUID id, Caller caller) {
        ServiceRequest current = requests.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("request", id));
        // who may claim is checked first (it does not depend on the state): this is what makes a claimer involved
        if (!mayClaim(current, caller)) {
            throw DomainProblem.forbidden("micro-wishes are claimed by party members and volunteers registered "
                    + "in the wish's grid or above it");
        }
        return move(id, current.version(), caller, Transition.CLAIM, null, r -> {
            return r.claim(assigneeOf(caller), now());
        });
    }

    @Transactional
    public ServiceRequest giveBack(UUID id, long version, String reason, Caller caller) {
        return move(id, version, caller, Transition.RETURN, reason, r -> {
            if (!mayTake(r, caller)) {
                throw DomainProblem.forbidden("only those it was dispatched to may return request " + id);
            }
            return r.giveBack(reason, now());
        });
    }

    @Transactional
    public ServiceRequest start(UUID id, long version, Caller caller) {
        return move(id, version, caller, Transition.START, null, r -> {
            requireAssigneeOrAdmin(r, caller);
            return r.start(now());
        });
    }

    @Transactional
    public ServiceRequest resolve(UUID id, long version, Outcome outcome, UUID duplicateOf, String notes,
            String photos, Caller caller) {
        return move(id, version, caller, Transition.RESOLVE, notes, r -> {
            requireAssigneeOrAdmin(r, caller);
            if (duplicateOf != null && requests.findByIdOptional(duplicateOf).isEmpty()) {
                throw DomainProblem.invalid("duplicateOf", "request " + duplicateOf + " does not exist");
            }
            RequestStatus from = r.resolve(outcome, duplicateOf, notes, photos, now());
            if (duplicateOf != null) {
                // the original now speaks for everyone who asked through this duplicate
                duplicateMarks.foldInto(r.id(), duplicateOf);
            }
            return from;
        });
    }

    /** The reporter rates: satisfied closes the ticket; dissatisfied (1–2) has it done again. */
    @Transactional
    public ServiceRequest rate(UUID id, long version, int rating, String comment, Caller caller) {
        return move(id, version, caller, Transition.RATE, comment, r -> {
            requireReporter(r, caller, "rate");
            return r.rate(rating, comment, now());
        });
    }

    @Transactional
    public ServiceRequest reopen(UUID id, long version, String reason, Caller caller) {
        return move(id, version, caller, Transition.REOPEN, reason, r -> {
            if (!r.reportedBy(caller.subject())) {
                requireStaff(r, caller);
            }
            return r.reopen(reason, now());
        });
    }

    @Transactional
    public ServiceRequest withdraw(UUID id, long version, Caller caller) {
        return move(id, version, caller, Transition.WITHDRAW, null, r -> {
            requireReporter(r, caller, "withdraw");
            return r.withdraw(now());
        });
    }

    /**
     * 督办/吹哨报到 by hand: grid staff over the ticket hand responsibility one level up (409 at the top, or
     * while it waits in the community queue).
     */
    @Transactional
    public ServiceRequest escalate(UUID id, long version, String reason, Caller caller) {
        ServiceRequest request = requests.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("request", id));
        requireInvolved(request, caller);
        IfMatch.check(version, request.version(), "request " + id);
        request.require(Transition.ESCALATE);
        requireStaff(request, caller);
        escalation.escalate(request, caller.subject(), reason, false, now());
        requests.flush();
        return request;
    }

    /** More time to resolve: asked for by the one who took the ticket, or by grid staff over it. */
    @Transactional
    public ServiceRequest requestExtension(UUID id, long version, int minutes, String reason, Caller caller) {
        return move(id, version, caller, Transition.REQUEST_EXTENSION, reason, r -> {
            if (!r.assignee().is(caller.subject())) {
                requireStaff(r, caller);
            }
            return r.requestExtension(minutes, reason, caller.subject(), now());
        });
    }

    /** An administrator over the ticket (not the one who asked) grants or refuses the extension. */
    @Transactional
    public ServiceRequest decideExtension(UUID id, long version, boolean approve, String reason, Caller caller) {
        Transition decision = approve ? Transition.APPROVE_EXTENSION : Transition.DENY_EXTENSION;
        return move(id, version, caller, decision, reason, r -> {
            if (!isAdminCovering(r, caller)) {
                throw DomainProblem.forbidden("only an administrator whose scope covers request " + id
                        + " decides on its extension");
            }
            // the one who asked does not decide: the domain refuses that once it knows an extension waits
            return approve ? r.approveExtension(caller.subject(), now()) : r.denyExtension(caller.subject(), now());
        });
    }

    /** The ticket's moves, oldest first, for whoever may read the ticket. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TransitionRecord> timeline(UUID id) {
        return transitions.of(id);
    }

    /** The comments a caller may see: the citizen only those meant for the citizen. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RequestComment> comments(UUID id, Caller caller) {
        ServiceRequest request = requests.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("request", id));
        return comments.of(id, request.reportedBy(caller.subject()) || isCitizenOnly(caller));
    }

    /**
     * An update or comment: the reporter's are always visible to the citizen; staff in scope and the assignee
     * choose (internal notes stay hidden).
     */
    @Transactional
    public RequestComment comment(UUID id, String text, boolean visibleToCitizen, Caller caller) {
        ServiceRequest request = requests.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("request", id));
        boolean reporter = request.reportedBy(caller.subject());
        boolean staff = !isCitizenOnly(caller) && (request.assignee().is(caller.subject())
                || caller.staffOver(request.gridPath()));
        if (!reporter && !staff) {
            throw DomainProblem.forbidden("only the reporter, the assignee or grid staff over request " + id
                    + " may comment on it");
        }
        RequestComment comment = new RequestComment(Ids.newId(), id, caller.subject(), text,
                reporter || visibleToCitizen, OffsetDateTime.now());
        comments.persist(comment);
        return comment;
    }

    /** 网格员评价办事成效, beside the citizen's rating. */
    @Transactional
    public ServiceRequest evaluate(UUID id, long version, int score, String note, Caller caller) {
        ServiceRequest request = requests.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("request", id));
        requireInvolved(request, caller);
        IfMatch.check(version, request.version(), "request " + id);
        requireStaff(request, caller);
        request.evaluateOutcome(score, note, caller.subject(), now());
        requests.flush();
        return request;
    }

    private static boolean isCitizenOnly(Caller caller) {
        return caller.isCitizenOnly();
    }

    private ServiceRequest move(UUID id, long version, Caller caller, Transition transition, String reason,
            Function<ServiceRequest, RequestStatus> change) {
        ServiceRequest request = requests.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("request", id));
        // an outsider gets the 403 a GET would give, before the version (412) or the state (409) tells them more
        requireInvolved(request, caller);
        IfMatch.check(version, request.version(), "request " + id);
        // then the state speaks: a move the lifecycle forbids is a 409 naming the state, to whoever is involved
        request.require(transition);
        RequestStatus from = change.apply(request);
        TransitionRecord record = new TransitionRecord(Ids.newId(), id, transition, from, request.status(),
                caller.subject(), reason, OffsetDateTime.now());
        transitions.persist(record);
        requests.flush();
        events.transitioned(request, record);
        return request;
    }

    /**
     * Those who may learn anything of the ticket: whoever may read it (its reporter; anyone but a plain citizen
     * whose registry grants reach its grid), its assignee, those it was dispatched to (a person or a team may sit outside
     * the grid's scope) and, for a micro-wish, those registered where they may claim it. The cheap checks come
     * first; the look-ups only for a caller none of them admits. Which of them may make a given move is each
     * move's own check.
     */
    private void requireInvolved(ServiceRequest r, Caller caller) {
        boolean involved = r.reportedBy(caller.subject()) || r.assignee().is(caller.subject())
                || !isCitizenOnly(caller) && caller.covers(r.gridPath()) || mayTake(r, caller)
                || r.type() == RequestType.MICRO_WISH && mayClaim(r, caller);
        if (!involved) {
            throw DomainProblem.forbidden("request " + r.id() + " does not involve you: you are not its reporter, "
                    + "assignee or one it was dispatched to, and your registry grants do not reach its grid");
        }
    }

    /** 微心愿: party members and volunteers registered (居住地报到) in the wish's grid or above it. */
    private boolean mayClaim(ServiceRequest r, Caller caller) {
        return r.gridPath() != null && assignments.heldBy(caller.subject(), calendar.today()).stream()
                .anyMatch(a -> (AssignmentSnapshot.PARTY_MEMBER.equals(a.role()) || "VOLUNTEER".equals(a.role()))
                        && r.gridPath().startsWith(a.nodePath()));
    }

    private boolean mayTake(ServiceRequest r, Caller caller) {
        Dispatch to = r.dispatch();
        if (to.isEmpty()) {
            return false;
        }
        return switch (to.targetType()) {
            // a person of the registry: the caller's login must be that person's; before issue 18 a login string
            case PERSON -> to.toLogin() ? caller.subject().equals(to.targetId())
                    : to.personId().equals(personIdOf(caller));
            case TEAM -> teams.teamHasMember(UUID.fromString(to.targetId()), caller.subject());
            // grid workers and party members the registry places at the ticket's grid or above it
            case GRID -> caller.covers(r.gridPath()) && caller.grants().stream()
                    .anyMatch(g -> (g.isGridStaff() || g.isPartyMember()) && g.reaches(r.gridPath()));
            case DEPARTMENT -> isAdminCovering(r, caller);
        };
    }

    private void requireStaff(ServiceRequest r, Caller caller) {
        // a service account is district-wide but is no one's staff: it does not move tickets
        boolean serviceOnly = caller.hasRole(Roles.SERVICE) && !caller.hasRole(Roles.DISTRICT_ADMIN);
        if (serviceOnly || !caller.staffOver(r.gridPath())) {
            throw DomainProblem.forbidden("only grid staff whose scope covers request " + r.id() + " may do this");
        }
    }

    private void requireAssigneeOrAdmin(ServiceRequest r, Caller caller) {
        if (!r.assignee().is(caller.subject()) && !isAdminCovering(r, caller)) {
            throw DomainProblem.forbidden("only the one who took request " + r.id() + " (or an administrator over it) "
                    + "may do this");
        }
    }

    private static boolean isAdminCovering(ServiceRequest r, Caller caller) {
        return caller.orgAdminOver(r.gridPath());
    }

    private static void requireReporter(ServiceRequest r, Caller caller, String what) {
        if (!r.reportedBy(caller.subject())) {
            throw DomainProblem.forbidden("only the citizen who reported request " + r.id() + " may " + what + " it");
        }
    }

    /** The caller as the one who takes a ticket: their login, and their person in the registry when linked. */
    private static Assignee assigneeOf(Caller caller) {
        return new Assignee(caller.subject(), personIdOf(caller), caller.personName());
    }

    /** The registry's person linked to the caller's login (the rights core resolved it), or null. */
    private static UUID personIdOf(Caller caller) {
        return caller.personId() == null ? null : UUID.fromString(caller.personId());
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (RuntimeException e) {
            throw DomainProblem.invalid(field, "must be a UUID");
        }
    }

    private static void requireText(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw DomainProblem.invalid(field, "name " + what);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now();
    }
}
