package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A citizen request ticket (点单): what, where, who asked, and which grid it was routed to. */
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

    private Double latitude;

    private Double longitude;

    private String address;

    @Column(name = "category_code")
    private String categoryCode;

    /** The category's extra fields, as JSON (checked against the catalogue when submitted). */
    private String attributes;

    /** Photo URLs, one per line. */
    private String photos;

    @Column(name = "contact_name")
    private String contactName;

    @Column(name = "contact_phone")
    private String contactPhone;

    /** Filed by a grid worker on a citizen's behalf (代为上报); the contact is the citizen's. */
    @Column(name = "on_behalf")
    private boolean onBehalf;

    @Column(name = "grid_node_id")
    private UUID gridNodeId;

    @Column(name = "grid_path")
    private String gridPath;

    @Column(name = "reporter_id")
    private String reporterId;

    @Enumerated(EnumType.STRING)
    private RequestStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "dispatch_target_type")
    private DispatchTarget dispatchTargetType;

    @Column(name = "dispatch_target_id")
    private String dispatchTargetId;

    @Column(name = "dispatch_target_name")
    private String dispatchTargetName;

    /** The registry's person it was dispatched to (null: not to a person, or to a login before issue 18). */
    @Column(name = "dispatch_person_id")
    private UUID dispatchPersonId;

    /** The registry's team it was dispatched to. */
    @Column(name = "dispatch_team_id")
    private UUID dispatchTeamId;

    /** Login subject of the one who took it. */
    private String assignee;

    /** The registry's person of the one who took it, with their name (null when the login has no person). */
    @Column(name = "assignee_person_id")
    private UUID assigneePersonId;

    @Column(name = "assignee_name")
    private String assigneeName;

    @Enumerated(EnumType.STRING)
    private Outcome outcome;

    @Column(name = "duplicate_of")
    private UUID duplicateOf;

    @Column(name = "resolution_notes")
    private String resolutionNotes;

    @Column(name = "resolution_photos")
    private String resolutionPhotos;

    private Short rating;

    @Column(name = "rating_comment")
    private String ratingComment;

    @Column(name = "resolved_at")
    private OffsetDateTime resolvedAt;

    @Column(name = "closed_at")
    private OffsetDateTime closedAt;

    @Column(name = "worker_evaluation")
    private Short workerEvaluation;

    @Column(name = "worker_evaluation_note")
    private String workerEvaluationNote;

    @Column(name = "evaluated_by")
    private String evaluatedBy;

    @Column(name = "sla_sign_minutes")
    private int slaSignMinutes;

    @Column(name = "sla_resolve_minutes")
    private int slaResolveMinutes;

    @Column(name = "respond_due_at")
    private OffsetDateTime respondDueAt;

    @Column(name = "sign_due_at")
    private OffsetDateTime signDueAt;

    @Column(name = "resolve_due_at")
    private OffsetDateTime resolveDueAt;

    @Column(name = "respond_overdue")
    private boolean respondOverdue;

    @Column(name = "sign_overdue")
    private boolean signOverdue;

    @Column(name = "resolve_overdue")
    private boolean resolveOverdue;

    @Column(name = "responded_at")
    private OffsetDateTime respondedAt;

    @Column(name = "signed_at")
    private OffsetDateTime signedAt;

    @Column(name = "responded_late")
    private Boolean respondedLate;

    @Column(name = "signed_late")
    private Boolean signedLate;

    @Column(name = "resolved_late")
    private Boolean resolvedLate;

    @Column(name = "responsible_node_id")
    private UUID responsibleNodeId;

    @Column(name = "responsible_path")
    private String responsiblePath;

    @Column(name = "escalation_level")
    private int escalationLevel;

    @Column(name = "auto_escalate")
    private boolean autoEscalate;

    @Column(name = "extension_minutes")
    private Integer extensionMinutes;

    @Column(name = "extension_reason")
    private String extensionReason;

    @Column(name = "extension_requested_by")
    private String extensionRequestedBy;

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
     * @param gridNodeId the grid it is routed to and {@code gridPath} that grid's path; both null = community queue
     */
    public static ServiceRequest submit(UUID id, RequestType type, Channel channel, String title, String description,
            Double latitude, Double longitude, String address, TicketDetails details, UUID gridNodeId, String gridPath,
            String reporterId, OffsetDateTime now) {
        if ((latitude == null) != (longitude == null)) {
            throw DomainProblem.invalid("location", "latitude and longitude come together");
        }
        if (latitude == null && (address == null || address.isBlank()) && gridNodeId == null) {
            throw DomainProblem.invalid("location", "give coordinates, an address or a grid node");
        }
        ServiceRequest request = new ServiceRequest();
        request.id = id;
        request.type = type;
        request.channel = channel;
        request.title = title;
        request.description = description;
        request.latitude = latitude;
        request.longitude = longitude;
        request.address = address;
        request.categoryCode = details.categoryCode();
        request.attributes = details.attributesJson();
        request.photos = details.photos().isEmpty() ? null : String.join("\n", details.photos());
        request.contactName = details.contactName();
        request.contactPhone = details.contactPhone();
        request.onBehalf = details.onBehalf();
        request.gridNodeId = gridNodeId;
        request.gridPath = gridPath;
        request.responsibleNodeId = gridNodeId;
        request.responsiblePath = gridPath;
        request.slaSignMinutes = minutes(details.sla().signWithin());
        request.slaResolveMinutes = minutes(details.sla().resolveWithin());
        request.respondDueAt = now.plus(details.sla().respondWithin());
        request.resolveDueAt = now.plus(details.sla().resolveWithin());
        request.autoEscalate = details.autoEscalate();
        request.reporterId = reporterId;
        request.status = RequestStatus.SUBMITTED;
        request.submittedAt = now;
        request.updatedAt = now;
        return request;
    }

    /** Ratings at or below this are dissatisfied: the ticket is done again (重办). */
    public static final int DISSATISFIED_AT_MOST = 2;

    /** Refuses a move the lifecycle does not allow from the current state, naming it (409). */
    public RequestStatus require(Transition transition) {
        if (!transition.allowedFrom(status)) {
            throw DomainProblem.conflict("request " + id + " is " + status + "; " + transition.verb() + " needs "
                    + (transition.from().size() == 1 ? transition.from().iterator().next() : "one of " + transition.from()));
        }
        return status;
    }

    public RequestStatus accept(OffsetDateTime now) {
        RequestStatus from = move(Transition.ACCEPT, RequestStatus.ACCEPTED, now);
        responded(now);
        return from;
    }

    public RequestStatus reject(String reason, OffsetDateTime now) {
        requireReason(reason);
        RequestStatus from = move(Transition.REJECT, RequestStatus.REJECTED, now);
        responded(now);
        closedAt = now;
        return from;
    }

    /** 受理/首次响应 ends the first clock: on time or late, once. */
    private void responded(OffsetDateTime now) {
        respondedAt = now;
        respondedLate = now.isAfter(respondDueAt);
        respondOverdue = false;
    }

    /**
     * 派单: to a grid (its id and path: the ticket now belongs there), a person or a team of the registry (by id,
     * with the registry's name) or a department.
     */
    public RequestStatus dispatch(DispatchTarget type, String targetId, String targetName, UUID gridId, String gridPath,
            OffsetDateTime now) {
        RequestStatus from = move(Transition.DISPATCH, RequestStatus.DISPATCHED, now);
        dispatchTargetType = type;
        dispatchTargetId = targetId;
        dispatchTargetName = targetName;
        dispatchPersonId = type == DispatchTarget.PERSON ? UUID.fromString(targetId) : null;
        dispatchTeamId = type == DispatchTarget.TEAM ? UUID.fromString(targetId) : null;
        taker(null, null, null);
        if (gridId != null) {
            gridNodeId = gridId;
            this.gridPath = gridPath;
            if (escalationLevel == 0) {
                // not escalated: whoever holds the grid answers for it; once escalated, the higher level keeps it
                responsibleNodeId = gridId;
                responsiblePath = gridPath;
            }
        }
        signDueAt = now.plusMinutes(slaSignMinutes);
        signOverdue = false;
        return from;
    }

    /**
     * 签收/接单: {@code signer} (a login) takes the ticket and answers for it from now on; {@code personId} and
     * {@code name} are the signer's person in the registry, when the login has one.
     */
    public RequestStatus sign(String signer, UUID personId, String name, OffsetDateTime now) {
        RequestStatus from = move(Transition.SIGN, RequestStatus.SIGNED, now);
        taker(signer, personId, name);
        taken(now);
        return from;
    }

    /**
     * 认领: a party member or volunteer takes an accepted micro-wish from the board; it counts as dispatched to
     * their person (to their login when the registry has no person for it).
     */
    public RequestStatus claim(String claimant, UUID personId, String name, OffsetDateTime now) {
        if (type != RequestType.MICRO_WISH) {
            throw DomainProblem.conflict("request " + id + " is a " + type + "; only micro-wishes are claimed");
        }
        RequestStatus from = move(Transition.CLAIM, RequestStatus.SIGNED, now);
        dispatchTargetType = DispatchTarget.PERSON;
        dispatchTargetId = personId == null ? claimant : personId.toString();
        dispatchTargetName = name;
        dispatchPersonId = personId;
        dispatchTeamId = null;
        taker(claimant, personId, name);
        taken(now);
        return from;
    }

    private void taker(String login, UUID personId, String name) {
        assignee = login;
        assigneePersonId = personId;
        assigneeName = name;
    }

    /** 退单: back to the dispatcher, with the reason. */
    public RequestStatus giveBack(String reason, OffsetDateTime now) {
        requireReason(reason);
        RequestStatus from = move(Transition.RETURN, RequestStatus.RETURNED, now);
        taker(null, null, null);
        return from;
    }

    public RequestStatus start(OffsetDateTime now) {
        return move(Transition.START, RequestStatus.IN_PROGRESS, now);
    }

    public RequestStatus resolve(Outcome result, UUID duplicate, String notes, String photos, OffsetDateTime now) {
        if ((result == Outcome.DUPLICATE_OF) != (duplicate != null)) {
            throw DomainProblem.invalid("duplicateOf", result == Outcome.DUPLICATE_OF
                    ? "name the ticket this one duplicates" : "only a DUPLICATE_OF outcome names a ticket");
        }
        if (id.equals(duplicate)) {
            throw DomainProblem.invalid("duplicateOf", "a ticket cannot duplicate itself");
        }
        RequestStatus from = move(Transition.RESOLVE, RequestStatus.RESOLVED, now);
        outcome = result;
        duplicateOf = duplicate;
        resolutionNotes = notes;
        resolutionPhotos = photos;
        resolvedAt = now;
        resolvedLate = now.isAfter(resolveDueAt);
        resolveOverdue = false;
        return from;
    }

    /** The citizen's rating closes the ticket, unless it is dissatisfied: then it is done again. */
    public RequestStatus rate(int stars, String comment, OffsetDateTime now) {
        if (stars < 1 || stars > 5) {
            throw DomainProblem.invalid("rating", "must be 1 to 5");
        }
        boolean satisfied = stars > DISSATISFIED_AT_MOST;
        RequestStatus from = move(Transition.RATE, satisfied ? RequestStatus.CLOSED : RequestStatus.REOPENED, now);
        rating = (short) stars;
        ratingComment = comment;
        if (satisfied) {
            closedAt = now;
        } else {
            redo(now);
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
        redo(now);
        return from;
    }

    /** 签收 (or a claim) ends the sign clock; a ticket late once stays late in the rates. */
    private void taken(OffsetDateTime now) {
        signedAt = now;
        signedLate = Boolean.TRUE.equals(signedLate) || signDueAt != null && now.isAfter(signDueAt);
        signOverdue = false;
    }

    /** 重办 gets a fresh resolution clock. */
    private void redo(OffsetDateTime now) {
        resolveDueAt = now.plusMinutes(slaResolveMinutes);
        resolveOverdue = false;
    }

    /**
     * Marks the running clocks that passed their deadline and were not marked yet; each stage once per run of
     * its clock. Returns the stages marked now (empty when nothing is overdue).
     */
    public java.util.List<SlaStage> markOverdue(OffsetDateTime now) {
        java.util.List<SlaStage> marked = new java.util.ArrayList<>();
        if (status == RequestStatus.SUBMITTED && !respondOverdue && now.isAfter(respondDueAt)) {
            respondOverdue = true;
            marked.add(SlaStage.RESPOND);
        }
        if (status == RequestStatus.DISPATCHED && !signOverdue && signDueAt != null && now.isAfter(signDueAt)) {
            signOverdue = true;
            marked.add(SlaStage.SIGN);
        }
        if (RequestStatus.BEING_HANDLED.contains(status) && !resolveOverdue && now.isAfter(resolveDueAt)) {
            resolveOverdue = true;
            marked.add(SlaStage.RESOLVE);
        }
        if (!marked.isEmpty()) {
            updatedAt = now;
        }
        return marked;
    }

    /** The deadline of a stage's running clock. */
    public OffsetDateTime dueAt(SlaStage stage) {
        return switch (stage) {
            case RESPOND -> respondDueAt;
            case SIGN -> signDueAt;
            case RESOLVE -> resolveDueAt;
        };
    }

    /**
     * 督办/吹哨报到: the level above the one answering for the ticket now answers for it.
     *
     * @param parentId the parent of the responsible node, and {@code parentPath} its path; null at the top
     */
    public RequestStatus escalateTo(UUID parentId, String parentPath, OffsetDateTime now) {
        RequestStatus current = require(Transition.ESCALATE);
        if (responsibleNodeId == null) {
            throw DomainProblem.conflict("request " + id + " waits in the community queue; dispatch it to a grid "
                    + "before escalating it");
        }
        if (parentId == null) {
            throw DomainProblem.conflict("request " + id + " is already answered for at the top of the tree");
        }
        responsibleNodeId = parentId;
        responsiblePath = parentPath;
        escalationLevel++;
        updatedAt = now;
        return current;
    }

    /** More time to resolve, asked for by whoever handles the ticket; one request waits at a time. */
    public RequestStatus requestExtension(int minutes, String reason, String by, OffsetDateTime now) {
        RequestStatus current = require(Transition.REQUEST_EXTENSION);
        requireReason(reason);
        if (minutes < 1 || minutes > 30 * 24 * 60) {
            throw DomainProblem.invalid("minutes", "between 1 minute and 30 days");
        }
        if (extensionMinutes != null) {
            throw DomainProblem.conflict("request " + id + " already waits for a decision on an extension of "
                    + extensionMinutes + " minutes");
        }
        extensionMinutes = minutes;
        extensionReason = reason;
        extensionRequestedBy = by;
        updatedAt = now;
        return current;
    }

    /** Grants the waiting extension: the resolution deadline moves out, and an overdue mark it cures goes. */
    public RequestStatus approveExtension(OffsetDateTime now) {
        RequestStatus current = requirePendingExtension(Transition.APPROVE_EXTENSION);
        resolveDueAt = resolveDueAt.plusMinutes(extensionMinutes);
        if (resolveDueAt.isAfter(now)) {
            resolveOverdue = false;
        }
        clearExtension(now);
        return current;
    }

    public RequestStatus denyExtension(OffsetDateTime now) {
        RequestStatus current = requirePendingExtension(Transition.DENY_EXTENSION);
        clearExtension(now);
        return current;
    }

    private RequestStatus requirePendingExtension(Transition transition) {
        RequestStatus current = require(transition);
        if (extensionMinutes == null) {
            throw DomainProblem.conflict("request " + id + " has no extension waiting for a decision");
        }
        return current;
    }

    private void clearExtension(OffsetDateTime now) {
        extensionMinutes = null;
        extensionReason = null;
        extensionRequestedBy = null;
        updatedAt = now;
    }

    private static int minutes(java.time.Duration d) {
        return Math.toIntExact(d.toMinutes());
    }

    public OffsetDateTime respondDueAt() {
        return respondDueAt;
    }

    public OffsetDateTime signDueAt() {
        return signDueAt;
    }

    public OffsetDateTime resolveDueAt() {
        return resolveDueAt;
    }

    /** The stages whose running clock is marked overdue. */
    public java.util.List<SlaStage> overdueStages() {
        java.util.List<SlaStage> stages = new java.util.ArrayList<>();
        if (respondOverdue) {
            stages.add(SlaStage.RESPOND);
        }
        if (signOverdue) {
            stages.add(SlaStage.SIGN);
        }
        if (resolveOverdue) {
            stages.add(SlaStage.RESOLVE);
        }
        return stages;
    }

    public UUID responsibleNodeId() {
        return responsibleNodeId;
    }

    public String responsiblePath() {
        return responsiblePath;
    }

    public int escalationLevel() {
        return escalationLevel;
    }

    public boolean autoEscalate() {
        return autoEscalate;
    }

    public Integer extensionMinutes() {
        return extensionMinutes;
    }

    public String extensionReason() {
        return extensionReason;
    }

    public String extensionRequestedBy() {
        return extensionRequestedBy;
    }

    public RequestStatus withdraw(OffsetDateTime now) {
        RequestStatus from = move(Transition.WITHDRAW, RequestStatus.WITHDRAWN, now);
        closedAt = now;
        return from;
    }

    /** 网格员评价办事成效: the grid worker's view of the outcome, once the ticket is resolved. */
    public void evaluateOutcome(int score, String note, String worker, OffsetDateTime now) {
        if (status != RequestStatus.RESOLVED && status != RequestStatus.CLOSED) {
            throw DomainProblem.conflict("request " + id + " is " + status + "; its outcome is evaluated once RESOLVED "
                    + "or CLOSED");
        }
        if (score < 1 || score > 5) {
            throw DomainProblem.invalid("score", "must be 1 to 5");
        }
        workerEvaluation = (short) score;
        workerEvaluationNote = note;
        evaluatedBy = worker;
        updatedAt = now;
    }

    public Short workerEvaluation() {
        return workerEvaluation;
    }

    public String workerEvaluationNote() {
        return workerEvaluationNote;
    }

    public boolean satisfied() {
        return rating != null && rating > DISSATISFIED_AT_MOST;
    }

    private RequestStatus move(Transition transition, RequestStatus to, OffsetDateTime now) {
        RequestStatus from = require(transition);
        status = to;
        updatedAt = now;
        return from;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw DomainProblem.invalid("reason", "say why");
        }
    }

    public DispatchTarget dispatchTargetType() {
        return dispatchTargetType;
    }

    public String dispatchTargetId() {
        return dispatchTargetId;
    }

    public String dispatchTargetName() {
        return dispatchTargetName;
    }

    public String assignee() {
        return assignee;
    }

    public UUID dispatchPersonId() {
        return dispatchPersonId;
    }

    public UUID dispatchTeamId() {
        return dispatchTeamId;
    }

    public UUID assigneePersonId() {
        return assigneePersonId;
    }

    public String assigneeName() {
        return assigneeName;
    }

    /**
     * Dispatched to a login string before dispatch named people of the registry (issue 18): that login, and only
     * it, may still sign the ticket. Such tickets are read as they are, not rewritten.
     */
    public boolean dispatchedToLogin() {
        return dispatchTargetType == DispatchTarget.PERSON && dispatchPersonId == null;
    }

    public Outcome outcome() {
        return outcome;
    }

    public UUID duplicateOf() {
        return duplicateOf;
    }

    public String resolutionNotes() {
        return resolutionNotes;
    }

    public Short rating() {
        return rating;
    }

    public String ratingComment() {
        return ratingComment;
    }

    public OffsetDateTime resolvedAt() {
        return resolvedAt;
    }

    public OffsetDateTime closedAt() {
        return closedAt;
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

    public Double latitude() {
        return latitude;
    }

    public Double longitude() {
        return longitude;
    }

    public String address() {
        return address;
    }

    public UUID gridNodeId() {
        return gridNodeId;
    }

    public String categoryCode() {
        return categoryCode;
    }

    public String attributesJson() {
        return attributes;
    }

    public java.util.List<String> photos() {
        return photos == null ? java.util.List.of() : java.util.List.of(photos.split("\n"));
    }

    public java.util.List<String> resolutionPhotos() {
        return resolutionPhotos == null ? java.util.List.of() : java.util.List.of(resolutionPhotos.split("\n"));
    }

    public String contactName() {
        return contactName;
    }

    public String contactPhone() {
        return contactPhone;
    }

    public boolean onBehalf() {
        return onBehalf;
    }

    public String gridPath() {
        return gridPath;
    }

    public String reporterId() {
        return reporterId;
    }

    public UUID open311KeyId() {
        return open311KeyId;
    }

    public RequestStatus status() {
        return status;
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
