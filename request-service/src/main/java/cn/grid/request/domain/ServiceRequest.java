package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A citizen request ticket (点单), the aggregate of this service: what, where, who asked, which grid it was routed
 * to and where it stands in its lifecycle. Its parts are immutable values mapped on the same row
 * ({@code service_request}): {@link TicketLocation}, {@link Contact}, {@link Dispatch}, {@link Assignee},
 * {@link Resolution}, {@link CitizenRating}, {@link WorkerEvaluation}, {@link SlaClocks}, {@link Escalation} and a
 * pending {@link ExtensionRequest}. Which move is allowed from which state is {@link Transition}'s table; each
 * move here checks it, replaces the parts it changes and returns the state it left.
 *
 * <p>Hibernate loads an embeddable whose columns are all null as null; the accessors answer the part's empty
 * value instead ({@code NONE}), so callers never meet a null part.
 */
@Entity
@Table(name = "service_request")
public class ServiceRequest {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    private RequestType type;

    @Enumerated(EnumType.STRING)
    private Channel channel;

    private String title;

    private String description;

    @Column(name = "category_code")
    private String categoryCode;

    /** The category's extra fields, as JSON (checked against the catalogue when submitted). */
    private String attributes;

    /** Photo URLs, one per line. */
    private String photos;

    @Column(name = "reporter_id")
    private String reporterId;

    /** The grid it is routed to (null, with its path: the community-level queue). */
    @Column(name = "grid_node_id")
    private UUID gridNodeId;

    @Column(name = "grid_path")
    private String gridPath;

    @Enumerated(EnumType.STRING)
    private RequestStatus status;

    @Embedded
    private TicketLocation location;

    @Embedded
    private Contact contact;

    @Embedded
    private Dispatch dispatch;

    @Embedded
    private Assignee assignee;

    @Embedded
    private Resolution resolution;

    @Embedded
    private CitizenRating rating;

    @Embedded
    private WorkerEvaluation evaluation;

    @Embedded
    private SlaClocks sla;

    @Embedded
    private Escalation escalation;

    /** null: no extension waits for a decision. */
    @Embedded
    private ExtensionRequest extension;

    /** Rejected, withdrawn or closed (rated or not). */
    @Column(name = "closed_at")
    private OffsetDateTime closedAt;

    /**
     * The Open311 api key that filed the ticket (null: the JSON API or a citizen's token). Written once, right
     * after the submission, by the Open311 face (not through this entity), hence read-only here.
     */
    @Column(name = "open311_key_id", insertable = false, updatable = false)
    private UUID open311KeyId;

    /**
     * The deadline of the clock running now (V8: a column PostgreSQL computes from the status and the three
     * deadlines). Read-only here and only as fresh as the row was when loaded: lists sort and page on it.
     */
    @Column(name = "due_at", insertable = false, updatable = false)
    private OffsetDateTime dueAt;

    @Version
    private long version;

    @Column(name = "submitted_at")
    private OffsetDateTime submittedAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected ServiceRequest() {
        // for JPA
    }

    /**
     * A new ticket. It needs somewhere to go: a location (coordinates or an address) or a grid.
     *
     * @param routedTo the grid it is routed to; null = the community queue
     */
    public static ServiceRequest submit(UUID id, Submission submission, GridPlace routedTo, OffsetDateTime now) {
        if (!submission.location().locates() && routedTo == null) {
            throw DomainProblem.invalid("location", "give coordinates, an address or a grid node");
        }
        TicketDetails details = submission.details();
        ServiceRequest request = new ServiceRequest();
        request.id = id;
        request.type = submission.type();
        request.channel = submission.channel();
        request.title = submission.title();
        request.description = submission.description();
        request.location = submission.location();
        request.categoryCode = details.categoryCode();
        request.attributes = details.attributesJson();
        request.photos = details.photos().isEmpty() ? null : String.join("\n", details.photos());
        request.contact = details.contact();
        request.gridNodeId = routedTo == null ? null : routedTo.nodeId();
        request.gridPath = routedTo == null ? null : routedTo.path();
        request.escalation = Escalation.at(routedTo, details.autoEscalate());
        request.sla = SlaClocks.start(details.sla(), now);
        request.reporterId = submission.reporterId();
        request.status = RequestStatus.SUBMITTED;
        request.submittedAt = now;
        request.updatedAt = now;
        return request;
    }

    /** Refuses a move the lifecycle does not allow from the current state, naming it (409). */
    public RequestStatus require(Transition transition) {
        transition.requireFrom(status, id);
        return status;
    }

    /** 受理, which ends the first clock. */
    public RequestStatus accept(OffsetDateTime now) {
        RequestStatus from = move(Transition.ACCEPT, RequestStatus.ACCEPTED, now);
        sla = sla.responded(now);
        return from;
    }

    /** 不予受理, with the reason: it also ends the first clock, and the ticket. */
    public RequestStatus reject(String reason, OffsetDateTime now) {
        requireReason(reason);
        RequestStatus from = move(Transition.REJECT, RequestStatus.REJECTED, now);
        sla = sla.responded(now);
        closedAt = now;
        return from;
    }

    /**
     * 派单 to {@code target}; a dispatch to a grid ({@code grid} not null) moves the ticket there. Whoever held it
     * lets go, and the sign clock starts.
     */
    public RequestStatus dispatch(Dispatch target, GridPlace grid, OffsetDateTime now) {
        RequestStatus from = move(Transition.DISPATCH, RequestStatus.DISPATCHED, now);
        dispatch = target;
        assignee = Assignee.NONE;
        if (grid != null) {
            gridNodeId = grid.nodeId();
            gridPath = grid.path();
            escalation = escalation.movedTo(grid);
        }
        sla = sla.dispatched(now);
        return from;
    }

    /** 签收/接单: {@code taker} takes the ticket and answers for it from now on. */
    public RequestStatus sign(Assignee taker, OffsetDateTime now) {
        RequestStatus from = move(Transition.SIGN, RequestStatus.SIGNED, now);
        assignee = taker;
        sla = sla.taken(now);
        return from;
    }

    /**
     * 认领: a party member or volunteer takes an accepted micro-wish from the board; it counts as dispatched to
     * their person (to their login when the registry has no person for it).
     */
    public RequestStatus claim(Assignee claimant, OffsetDateTime now) {
        if (type != RequestType.MICRO_WISH) {
            throw DomainProblem.conflict("request " + id + " is a " + type + "; only micro-wishes are claimed");
        }
        RequestStatus from = move(Transition.CLAIM, RequestStatus.SIGNED, now);
        dispatch = Dispatch.claimedBy(claimant.login(), claimant.personId(), claimant.name());
        assignee = claimant;
        sla = sla.taken(now);
        return from;
    }

    /** 退单: back to the dispatcher, with the reason. */
    public RequestStatus giveBack(String reason, OffsetDateTime now) {
        requireReason(reason);
        RequestStatus from = move(Transition.RETURN, RequestStatus.RETURNED, now);
        assignee = Assignee.NONE;
        return from;
    }

    public RequestStatus start(OffsetDateTime now) {
        return move(Transition.START, RequestStatus.IN_PROGRESS, now);
    }

    /** 办结 with an outcome; {@code photoLines}: photo URLs, one per line. Ends the resolution clock. */
    public RequestStatus resolve(Outcome outcome, UUID duplicateOf, String notes, String photoLines,
            OffsetDateTime now) {
        Resolution result = Resolution.of(id, outcome, duplicateOf, notes, photoLines, now);
        RequestStatus from = move(Transition.RESOLVE, RequestStatus.RESOLVED, now);
        resolution = result;
        sla = sla.resolved(now);
        return from;
    }

    /** The citizen's rating closes the ticket, unless it is dissatisfied: then it is done again (重办). */
    public RequestStatus rate(int stars, String comment, OffsetDateTime now) {
        CitizenRating given = CitizenRating.of(stars, comment);
        RequestStatus from = move(Transition.RATE, given.satisfied() ? RequestStatus.CLOSED : RequestStatus.REOPENED,
                now);
        rating = given;
        if (given.satisfied()) {
            closedAt = now;
        } else {
            sla = sla.redo(now);
        }
        return from;
    }

    /** The citizen did not rate within the window: the resolved ticket closes without a rating. */
    public RequestStatus closeUnrated(OffsetDateTime now) {
        RequestStatus from = move(Transition.CLOSE, RequestStatus.CLOSED, now);
        closedAt = now;
        return from;
    }

    public RequestStatus reopen(String reason, OffsetDateTime now) {
        requireReason(reason);
        RequestStatus from = move(Transition.REOPEN, RequestStatus.REOPENED, now);
        sla = sla.redo(now);
        return from;
    }

    public RequestStatus withdraw(OffsetDateTime now) {
        RequestStatus from = move(Transition.WITHDRAW, RequestStatus.WITHDRAWN, now);
        closedAt = now;
        return from;
    }

    /**
     * Marks the running clocks that passed their deadline and were not marked yet; each stage once per run of
     * its clock. Returns the stages marked now (empty when nothing is overdue).
     */
    public List<SlaStage> markOverdue(OffsetDateTime now) {
        List<SlaStage> marked = sla.newlyOverdue(status, now);
        if (!marked.isEmpty()) {
            sla = sla.markedOverdue(marked);
            updatedAt = now;
        }
        return marked;
    }

    /**
     * 督办/吹哨报到: the level above the one answering for the ticket answers for it now.
     *
     * @param parent the parent of the responsible node; null at the top
     */
    public RequestStatus escalateTo(GridPlace parent, OffsetDateTime now) {
        RequestStatus current = require(Transition.ESCALATE);
        escalation = escalation.up(parent, id);
        updatedAt = now;
        return current;
    }

    /** More time to resolve, asked for by whoever handles the ticket; one request waits at a time. */
    public RequestStatus requestExtension(int minutes, String reason, String by, OffsetDateTime now) {
        RequestStatus current = require(Transition.REQUEST_EXTENSION);
        ExtensionRequest asked = ExtensionRequest.ask(minutes, reason, by);
        if (extension != null) {
            throw DomainProblem.conflict("request " + id + " already waits for a decision on an extension of "
                    + extension.minutes() + " minutes");
        }
        extension = asked;
        updatedAt = now;
        return current;
    }

    /**
     * Grants the waiting extension ({@code decider}: not the one who asked): the resolution deadline moves out,
     * and an overdue mark it cures goes.
     */
    public RequestStatus approveExtension(String decider, OffsetDateTime now) {
        RequestStatus current = requirePendingExtension(Transition.APPROVE_EXTENSION, decider);
        sla = sla.extended(extension.minutes(), now);
        extension = null;
        updatedAt = now;
        return current;
    }

    public RequestStatus denyExtension(String decider, OffsetDateTime now) {
        RequestStatus current = requirePendingExtension(Transition.DENY_EXTENSION, decider);
        extension = null;
        updatedAt = now;
        return current;
    }

    private RequestStatus requirePendingExtension(Transition decision, String decider) {
        RequestStatus current = require(decision);
        if (extension == null) {
            throw DomainProblem.conflict("request " + id + " has no extension waiting for a decision");
        }
        extension.requireDecider(decider);
        return current;
    }

    /** 网格员评价办事成效: the grid worker's view of the outcome, once the ticket is resolved. */
    public void evaluateOutcome(int score, String note, String worker, OffsetDateTime now) {
        if (status != RequestStatus.RESOLVED && status != RequestStatus.CLOSED) {
            throw DomainProblem.conflict("request " + id + " is " + status + "; its outcome is evaluated once RESOLVED "
                    + "or CLOSED");
        }
        evaluation = WorkerEvaluation.of(score, note, worker);
        updatedAt = now;
    }

    private RequestStatus move(Transition transition, RequestStatus to, OffsetDateTime now) {
        RequestStatus from = require(transition);
        if (!transition.to().contains(to)) {
            throw new IllegalStateException(transition + " does not lead to " + to);
        }
        status = to;
        updatedAt = now;
        return from;
    }

    static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw DomainProblem.invalid("reason", "say why");
        }
    }

    public boolean reportedBy(String subject) {
        return reporterId.equals(subject);
    }

    public UUID id() {
        return id;
    }

    public RequestType type() {
        return type;
    }

    public Channel channel() {
        return channel;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public String categoryCode() {
        return categoryCode;
    }

    public String attributesJson() {
        return attributes;
    }

    public List<String> photos() {
        return photos == null ? List.of() : List.of(photos.split("\n"));
    }

    public String reporterId() {
        return reporterId;
    }

    public UUID gridNodeId() {
        return gridNodeId;
    }

    public String gridPath() {
        return gridPath;
    }

    public RequestStatus status() {
        return status;
    }

    public TicketLocation location() {
        return location == null ? TicketLocation.NONE : location;
    }

    public Contact contact() {
        return contact == null ? Contact.NONE : contact;
    }

    public Dispatch dispatch() {
        return dispatch == null ? Dispatch.NONE : dispatch;
    }

    public Assignee assignee() {
        return assignee == null ? Assignee.NONE : assignee;
    }

    public Resolution resolution() {
        return resolution == null ? Resolution.NONE : resolution;
    }

    public CitizenRating rating() {
        return rating == null ? CitizenRating.NONE : rating;
    }

    public WorkerEvaluation evaluation() {
        return evaluation == null ? WorkerEvaluation.NONE : evaluation;
    }

    public SlaClocks sla() {
        return sla;
    }

    public Escalation escalation() {
        return escalation;
    }

    public Optional<ExtensionRequest> pendingExtension() {
        return Optional.ofNullable(extension);
    }

    public OffsetDateTime closedAt() {
        return closedAt;
    }

    public UUID open311KeyId() {
        return open311KeyId;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime submittedAt() {
        return submittedAt;
    }

    /** The running clock's deadline as loaded (see the field); for paging work lists. */
    public OffsetDateTime dueAt() {
        return dueAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
