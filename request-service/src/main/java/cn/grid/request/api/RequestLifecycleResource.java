package cn.grid.request.api;

import cn.grid.platform.concurrency.Versioned;
import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.request.app.RequestLifecycleService;
import cn.grid.request.app.ServiceRequestService;
import cn.grid.request.domain.DispatchTarget;
import cn.grid.request.domain.Outcome;
import cn.grid.request.domain.RequestComment;
import cn.grid.request.domain.RequestStatus;
import cn.grid.request.domain.ServiceRequest;
import cn.grid.request.domain.Transition;
import cn.grid.request.domain.TransitionRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The lifecycle, one endpoint per move. Every move needs If-Match with the ticket's ETag; a move the current
 * state does not allow is a 409 naming the state.
 */
@Path("/api/v1/requests/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Request lifecycle")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "200", description = "Moved; ETag carries the new version",
        content = @Content(schema = @Schema(implementation = ServiceRequestView.class)))
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not yours to move",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409", description = "The current state does not allow this move (named in detail)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "412", description = "The ticket changed since the ETag in If-Match",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "428", description = "If-Match missing",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RequestLifecycleResource {

    @Schema(name = "MoveReason")
    public record Reason(@Schema(examples = "不属于本网格") @NotBlank @Size(max = 1000) String reason) {
    }

    @Schema(name = "Dispatch", description = "派单: to a GRID (targetId = node id), a PERSON (targetId = the "
            + "registry's person id), a TEAM (targetId = team id) or a DEPARTMENT (targetName). A person's or team's "
            + "name is taken from the registry.")
    public record Dispatch(@Schema(examples = "GRID") @NotNull DispatchTarget targetType,
            @Size(max = 100) String targetId, @Schema(examples = "区水务局") @Size(max = 200) String targetName) {
    }

    @Schema(name = "Resolve", description = "办结: the outcome, notes and photo URLs.")
    public record Resolve(@Schema(examples = "FIXED") @NotNull Outcome outcome, UUID duplicateOf,
            @Schema(examples = "已更换破裂水管") @Size(max = 4000) String notes,
            @Size(max = 10) List<@Size(max = 1000) String> photos) {
    }

    @Schema(name = "Rate", description = "The citizen's rating: 1–2 dissatisfied (done again), 3–5 closes it.")
    public record Rate(@Schema(examples = "5") @NotNull @Min(1) @Max(5) Integer rating,
            @Schema(examples = "很及时，谢谢网格员") @Size(max = 1000) String comment) {
    }

    @Schema(name = "RequestMove", description = "One move of a ticket.")
    public record MoveView(UUID id, Transition action, RequestStatus fromStatus, RequestStatus toStatus, String actor,
            String reason, OffsetDateTime at) {
        static MoveView of(TransitionRecord t) {
            return new MoveView(t.id(), t.action(), t.fromStatus(), t.toStatus(), t.actor(), t.reason(), t.at());
        }
    }

    @Schema(name = "RequestComment")
    public record CommentView(UUID id, String author, String text, boolean visibleToCitizen, OffsetDateTime at) {
        static CommentView of(RequestComment c) {
            return new CommentView(c.id(), c.author(), c.text(), c.visibleToCitizen(), c.at());
        }
    }

    @Schema(name = "AddComment")
    public record AddComment(@Schema(examples = "已联系物业，明天上午维修") @NotBlank @Size(max = 2000) String text,
            @Schema(description = "Staff only: false keeps it an internal note (the reporter's are always visible)")
            boolean visibleToCitizen) {
    }

    @Schema(name = "WorkerEvaluation", description = "网格员评价办事成效: the grid worker's score of the outcome.")
    public record Evaluation(@Schema(examples = "4") @NotNull @Min(1) @Max(5) Integer score,
            @Size(max = 1000) String note) {
    }

    @Schema(name = "RequestTimeline", description = "Moves and comments, oldest first (citizens see only the "
            + "comments meant for them).")
    public record Timeline(List<MoveView> items, List<CommentView> comments) {
    }

    private static final String STAFF = Roles.GRID_WORKER;

    private final RequestLifecycleService lifecycle;
    private final ServiceRequestService requests;
    private final CurrentCaller caller;

    public RequestLifecycleResource(RequestLifecycleService lifecycle, ServiceRequestService requests,
            CurrentCaller caller) {
        this.lifecycle = lifecycle;
        this.requests = requests;
        this.caller = caller;
    }

    @POST
    @Path("/accept")
    @RolesAllowed({STAFF, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "acceptRequest", summary = "受理: SUBMITTED → ACCEPTED",
            description = "By grid staff (grid worker, organisation or district administrator) whose registry grants reach "
                    + "the ticket's grid (403 otherwise); returns the ticket with its new ETag. Needs If-Match "
                    + "(428 without it, 412 when stale, so a retry with the same ETag is refused); 409 unless "
                    + "SUBMITTED, 404 for an unknown ticket. Ends the response clock (受理时限, noting whether it was "
                    + "late) and publishes cn.grid.request.accepted.v1 through the outbox.")
    public Response accept(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return current(lifecycle.accept(id, IfMatch.version(ifMatch), caller.get()));
    }

    @POST
    @Path("/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({STAFF, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "rejectRequest", summary = "SUBMITTED → REJECTED, with the reason",
            description = "不予受理 by grid staff (grid worker, organisation or district administrator) whose registry grants reach "
                    + "the ticket (403 otherwise); 409 from any state but SUBMITTED; needs If-Match (428/412); "
                    + "404 for an unknown ticket. REJECTED is final: the response clock stops, and the reason "
                    + "(required, 400 if blank) goes on the timeline and into cn.grid.request.rejected.v1, published "
                    + "through the outbox.")
    public Response reject(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Reason body) {
        return current(lifecycle.reject(id, IfMatch.version(ifMatch), body.reason(), caller.get()));
    }

    @POST
    @Path("/dispatch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({STAFF, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "dispatchRequest", summary = "派单: ACCEPTED or RETURNED → DISPATCHED",
            description = "By grid staff whose registry grants reach the ticket (403 otherwise); 409 unless ACCEPTED or "
                    + "RETURNED; needs If-Match (428/412); 404 for an unknown ticket. A GRID target must be an active "
                    + "node (400 unknown, 409 retired) inside what the caller's registry grants reach (403) and re-routes the ticket "
                    + "there. A PERSON is the registry's person id: someone with a current assignment (any role, "
                    + "居住地报到 included), party-organisation membership or team place in the ticket's grid or above "
                    + "it; a TEAM must be active with its grid the ticket's or above; both are checked against the "
                    + "read models from grid.events, and an unknown or out-of-area one is a 400 naming targetId "
                    + "(nothing saved, no event); the ticket shows their registry name as dispatchTargetName. A "
                    + "DEPARTMENT needs targetName. Clears the assignee, starts the sign clock (签收时限) and publishes "
                    + "cn.grid.request.dispatched.v1 (with dispatchPersonId / dispatchTeamId) through the outbox.")
    public Response dispatch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Dispatch body) {
        return current(lifecycle.dispatch(id, IfMatch.version(ifMatch), body.targetType(), body.targetId(),
                body.targetName(), caller.get()));
    }

    @POST
    @Path("/sign")
    @RolesAllowed({Roles.PARTY_MEMBER, STAFF, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "signRequest", summary = "签收/接单: DISPATCHED → SIGNED by one it was dispatched to",
            description = "By one the ticket was dispatched to (403 for anyone else): the PERSON named (a login "
                    + "the registry links to that person; for a ticket dispatched to a login before issue 18, that "
                    + "login), a member of the TEAM, a grid worker or party member whose registry grants reach the GRID, or an administrator over "
                    + "the ticket for a DEPARTMENT. 409 unless DISPATCHED; needs If-Match (428/412); 404 for an "
                    + "unknown ticket. The caller becomes the assignee (credited with PRACTICE points by "
                    + "study-service once the reporter rates it satisfied); ends the sign clock and publishes "
                    + "cn.grid.request.signed.v1 through the outbox.")
    public Response sign(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return current(lifecycle.sign(id, IfMatch.version(ifMatch), caller.get()));
    }

    @POST
    @Path("/claim")
    @RolesAllowed({Roles.PARTY_MEMBER, STAFF})
    @Operation(operationId = "claimMicroWish", summary = "认领 a micro-wish: ACCEPTED → SIGNED by the claimant",
            description = "For party members and volunteers registered in the wish's grid or above it. No If-Match: "
                    + "of many parallel claims exactly one wins (optimistic lock), the others get 409. The claimant "
                    + "becomes the assignee.")
    public Response claim(@PathParam("id") UUID id) {
        return current(lifecycle.claim(id, caller.get()));
    }

    @POST
    @Path("/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PARTY_MEMBER, STAFF, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "returnRequest", summary = "退单: DISPATCHED → RETURNED to the dispatcher, with the reason",
            description = "By one the ticket was dispatched to, as for signRequest (403 otherwise), instead of "
                    + "signing it; 409 unless DISPATCHED; needs If-Match (428/412); 404 for an unknown ticket. The "
                    + "reason (required, 400 if blank) goes on the timeline and into cn.grid.request.returned.v1, "
                    + "published through the outbox; the ticket then waits to be dispatched again.")
    public Response giveBack(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Reason body) {
        return current(lifecycle.giveBack(id, IfMatch.version(ifMatch), body.reason(), caller.get()));
    }

    @POST
    @Path("/start")
    @RolesAllowed({Roles.PARTY_MEMBER, STAFF, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "startRequest", summary = "SIGNED or REOPENED → IN_PROGRESS (the one who took it)",
            description = "By the assignee (who signed or claimed the ticket) or an organisation or district "
                    + "administrator whose registry grants reach it (403 otherwise); 409 unless SIGNED or REOPENED (after 重办 "
                    + "the same assignee starts again). Needs If-Match (428/412); 404 for an unknown ticket; "
                    + "publishes cn.grid.request.started.v1 through the outbox.")
    public Response start(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return current(lifecycle.start(id, IfMatch.version(ifMatch), caller.get()));
    }

    @POST
    @Path("/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PARTY_MEMBER, STAFF, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "resolveRequest", summary = "办结: IN_PROGRESS → RESOLVED with the outcome",
            description = "By the assignee or an organisation or district administrator whose registry grants reach the ticket "
                    + "(403 otherwise); 409 unless IN_PROGRESS; needs If-Match (428/412); 404 for an unknown ticket. "
                    + "Outcome DUPLICATE_OF needs duplicateOf naming another existing ticket (400 otherwise; no other "
                    + "outcome may name one) and folds this ticket's reporter and me-toos into that original. Ends "
                    + "the resolution clock, starts the reporter's rating window (unrated tickets close after 7 days "
                    + "by default) and publishes cn.grid.request.resolved.v1 through the outbox.")
    public Response resolve(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Resolve body) {
        return current(lifecycle.resolve(id, IfMatch.version(ifMatch), body.outcome(), body.duplicateOf(),
                body.notes(), body.photos() == null ? null : String.join("\n", body.photos()), caller.get()));
    }

    @POST
    @Path("/rate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CITIZEN)
    @Operation(operationId = "rateRequest", summary = "评价: RESOLVED → CLOSED (3–5) or REOPENED (1–2), by the reporter",
            description = "Only the citizen who reported the ticket (403 otherwise); 409 unless RESOLVED; rating 1–5 "
                    + "(400 otherwise); needs If-Match (428/412); 404 for an unknown ticket. A satisfied rating "
                    + "closes the ticket and study-service credits the assignee with PRACTICE points (积分); a "
                    + "dissatisfied one reopens it with a fresh resolution clock for the assignee to start again. "
                    + "Either way cn.grid.request.rated.v1 (with rating and satisfied) is published through the "
                    + "outbox. A ticket not rated within grid.requests.rating-window (7 days) is closed without a "
                    + "rating by the SLA sweep (a CLOSE move by actor sla).")
    public Response rate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Rate body) {
        return current(lifecycle.rate(id, IfMatch.version(ifMatch), body.rating(), body.comment(), caller.get()));
    }

    @POST
    @Path("/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CITIZEN, STAFF, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "reopenRequest", summary = "重办: RESOLVED → REOPENED, with the reason",
            description = "By the reporter, or grid staff (grid worker, organisation or district administrator) whose registry grants reach "
                    + "the ticket (403 otherwise); 409 unless RESOLVED; needs If-Match (428/412); 404 "
                    + "for an unknown ticket. The reason (required, 400 if blank) goes on the timeline; the "
                    + "resolution clock restarts, the assignee starts it again, and cn.grid.request.reopened.v1 is "
                    + "published through the outbox.")
    public Response reopen(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Reason body) {
        return current(lifecycle.reopen(id, IfMatch.version(ifMatch), body.reason(), caller.get()));
    }

    @POST
    @Path("/withdraw")
    @RolesAllowed(Roles.CITIZEN)
    @Operation(operationId = "withdrawRequest", summary = "Any open state → WITHDRAWN, by the reporter",
            description = "Only the citizen who reported the ticket (403 otherwise), from any state but REJECTED, "
                    + "CLOSED or WITHDRAWN (409 there), RESOLVED included; no body. Needs If-Match (428/412); 404 for "
                    + "an unknown ticket. WITHDRAWN is final, and cn.grid.request.withdrawn.v1 is published through "
                    + "the outbox.")
    public Response withdraw(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return current(lifecycle.withdraw(id, IfMatch.version(ifMatch), caller.get()));
    }

    @POST
    @Path("/escalate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({STAFF, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "escalateRequest", summary = "督办/吹哨报到: the level above answers for the ticket",
            description = "Grid staff over the ticket hand responsibility one level up the tree (grid → community → "
                    + "street → district); the state stays. 409 at the top of the tree, in the community queue, or once "
                    + "RESOLVED/closed. The SLA sweep does the same on its own for categories with autoEscalate.")
    public Response escalate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Reason body) {
        return current(lifecycle.escalate(id, IfMatch.version(ifMatch), body.reason(), caller.get()));
    }

    @Schema(name = "ExtensionRequest", description = "More time to resolve (延期申请), in minutes (at most 30 days).")
    public record Extension(@Schema(examples = "2880") @NotNull @Min(1) @Max(43200) Integer minutes,
            @Schema(examples = "需等待配件到货") @NotBlank @Size(max = 1000) String reason) {
    }

    @POST
    @Path("/extension")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PARTY_MEMBER, STAFF, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "requestExtension", summary = "延期申请: ask for more time to resolve",
            description = "By the one who took the ticket or grid staff over it, while it is being handled (ACCEPTED "
                    + "… REOPENED); minutes 1..43200 and a reason; one request waits at a time (409 otherwise). "
                    + "An organisation or district administrator decides it (approveExtension, denyExtension).")
    public Response requestExtension(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Extension body) {
        return current(lifecycle.requestExtension(id, IfMatch.version(ifMatch), body.minutes(), body.reason(),
                caller.get()));
    }

    @POST
    @Path("/extension/approve")
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "approveExtension", summary = "Grant the waiting extension: the resolution deadline moves out",
            description = "By an organisation or district administrator whose registry grants reach the ticket and "
                    + "who did not ask for it. Moves the resolution deadline out by the minutes asked for, and "
                    + "clears an overdue mark the new deadline cures.")
    public Response approveExtension(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return current(lifecycle.decideExtension(id, IfMatch.version(ifMatch), true, null, caller.get()));
    }

    @POST
    @Path("/extension/deny")
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "denyExtension", summary = "Refuse the waiting extension, saying why",
            description = "By an organisation or district administrator whose registry grants reach the ticket and who did not "
                    + "ask for the extension (403 otherwise), while it is ACCEPTED, DISPATCHED, SIGNED, RETURNED, "
                    + "IN_PROGRESS or REOPENED and an extension waits (409 otherwise); needs If-Match (428/412); 404 "
                    + "for an unknown ticket. State and resolution deadline stay; the refusal and its reason go on "
                    + "the timeline only (no event), and a new extension may then be asked for.")
    public Response denyExtension(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Reason body) {
        return current(lifecycle.decideExtension(id, IfMatch.version(ifMatch), false, body.reason(), caller.get()));
    }

    @GET
    @Path("/timeline")
    @RolesAllowed({Roles.CITIZEN, Roles.PARTY_MEMBER, STAFF, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    @Operation(operationId = "requestTimeline", summary = "Every move of the ticket, oldest first",
            description = "For the reporter, or callers who are not only citizens and whose registry grants reach the ticket's "
                    + "grid (403 otherwise; 404 for an unknown ticket). Returns every recorded move (lifecycle moves, "
                    + "escalations, overdue marks, extension requests and decisions, the automatic close) with actor "
                    + "and reason, and the comments, oldest first; the reporter sees only the comments meant for the "
                    + "citizen.")
    @APIResponse(responseCode = "200", description = "The timeline",
            content = @Content(schema = @Schema(implementation = Timeline.class)))
    public Timeline timeline(@PathParam("id") UUID id) {
        requests.get(id, caller.get());
        return new Timeline(lifecycle.timeline(id).stream().map(MoveView::of).toList(),
                lifecycle.comments(id, caller.get()).stream().map(CommentView::of).toList());
    }

    @POST
    @Path("/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CITIZEN, Roles.PARTY_MEMBER, STAFF, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "commentRequest", summary = "Add an update or comment to the ticket's timeline",
            description = "By the reporter, the assignee, or grid workers and organisation or district administrators "
                    + "whose registry grants reach the ticket (403 otherwise; a holder of the party-member role only as "
                    + "reporter or assignee); 404 for an unknown ticket. Any state, no If-Match: the ticket and its "
                    + "ETag stay unchanged, no event is published, and every call adds a comment. The reporter's "
                    + "comments are always visible to the citizen; others are internal notes unless visibleToCitizen "
                    + "is true.")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(schema = @Schema(implementation = CommentView.class)))
    public Response comment(@PathParam("id") UUID id, @Valid @NotNull AddComment body) {
        return Response.status(Response.Status.CREATED)
                .entity(CommentView.of(lifecycle.comment(id, body.text(), body.visibleToCitizen(), caller.get())))
                .build();
    }

    @POST
    @Path("/evaluation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({STAFF, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "evaluateRequestOutcome", summary = "网格员评价办事成效 on a RESOLVED or CLOSED ticket",
            description = "Grid staff over the ticket, once it is RESOLVED or CLOSED: score 1..5 and a note; "
                    + "If-Match required. Sits beside the citizen's rating.")
    public Response evaluate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Evaluation body) {
        return current(lifecycle.evaluate(id, IfMatch.version(ifMatch), body.score(), body.note(), caller.get()));
    }

    private static Response current(ServiceRequest request) {
        return Versioned.ok(ServiceRequestView.of(request), request.version());
    }
}
