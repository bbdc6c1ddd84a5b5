package cn.grid.study.api;

import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.concurrency.Versioned;
import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.study.app.LectureOrderService;
import cn.grid.study.domain.LectureOrder;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/study/lecture-orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lecture orders (点单式)")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role, registry grants or speaker do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class LectureOrderResource {

    private static final String ANYONE_STUDYING = Roles.PARTY_MEMBER;

    private final LectureOrderService service;
    private final CurrentCaller caller;

    public LectureOrderResource(LectureOrderService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "orderLecture", summary = "A branch orders an offered micro-lecture for a time and place",
            description = "An org-admin or district-admin whose registry grants reach the ordering organisation places a "
                    + "REQUESTED order with the lecture's speaker (the material's speakerSubject), who then accepts or "
                    + "declines it; publishes cn.grid.study.lecture-order.placed.v1 (for the speaker). Without an "
                    + "Idempotency-Key each call places another "
                    + "order; with one, a retry by the same caller with the same key and body returns the order the "
                    + "first call placed, with Idempotency-Replayed: true; the key with another body is a 422. 400 "
                    + "when the material is unknown or not an offered MICRO_LECTURE, the organisation is unknown, or "
                    + "wantedAt is not in the future or more than a year ahead; 409 when the organisation is no longer "
                    + "active.")
    @APIResponse(responseCode = "201", description = "Ordered (REQUESTED), or the earlier order "
            + "(Idempotency-Replayed: true); ETag carries its version",
            content = @Content(schema = @Schema(implementation = LectureOrderBodies.View.class)))
    @APIResponse(responseCode = "400", description = "Invalid input, unknown organisation, not an offered lecture",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response place(@Valid @NotNull LectureOrderBodies.Place body, @Context UriInfo uri,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "A client-chosen key (1-255 printable ASCII): a "
                    + "retry with the same key and body returns the order the first call placed, never a second one",
                    example = "3b1f0c52-6a4e-4d55-9a0e-2f4c9d1e7a10") String idempotencyKey) {
        IdempotencyKeys.Outcome<LectureOrder> outcome = service.place(body.toCommand(), caller.get(), idempotencyKey);
        LectureOrder order = outcome.value();
        return Versioned.created(uri.getBaseUriBuilder().path("api/v1/study/lecture-orders/{id}").build(order.id()),
                        LectureOrderBodies.View.of(order), order.version())
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ANYONE_STUDYING, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "getLectureOrder", summary = "An order (its speaker, administrators over the branch)",
            description = "Readable by the lecture's speaker (token subject = the order's speakerSubject) and by "
                    + "org-admins or district-admins whose registry grants reach the ordering organisation; anyone else "
                    + "gets 403. Carries the status, the decline reason or, once accepted, the scheduled sessionId; "
                    + "the ETag is the version accept and decline need in If-Match.")
    @APIResponse(responseCode = "200", description = "The order; ETag carries its version",
            content = @Content(schema = @Schema(implementation = LectureOrderBodies.View.class)))
    @APIResponse(responseCode = "404", description = "No such order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        return current(service.get(id, caller.get()));
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed({ANYONE_STUDYING, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "acceptLectureOrder", summary = "The speaker accepts: REQUESTED → ACCEPTED",
            description = "Only the speaker the order was placed with (token subject = the order's speakerSubject), "
                    + "with If-Match (428 without, 412 when stale), while REQUESTED (409 otherwise). "
                    + "The lecture becomes a MICRO_LECTURE session of the branch's grid at the wanted time "
                    + "(sessionId), announced as cn.grid.study.session.recorded.v1, and the acceptance as "
                    + "cn.grid.study.lecture-order.accepted.v1.")
    @APIResponse(responseCode = "200", description = "Accepted",
            content = @Content(schema = @Schema(implementation = LectureOrderBodies.View.class)))
    @APIResponse(responseCode = "404", description = "No such order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already answered (the detail names its state)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response accept(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return current(service.accept(id, IfMatch.version(ifMatch), caller.get()));
    }

    @POST
    @Path("/{id}/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ANYONE_STUDYING, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "declineLectureOrder", summary = "The speaker declines: REQUESTED → DECLINED",
            description = "Only the speaker the order was placed with answers it, with If-Match (428 without, 412 when "
                    + "stale). Allowed only while REQUESTED (409 naming the state otherwise): sets DECLINED, decidedAt "
                    + "and the optional reason (at most 500 characters); no session is recorded; publishes "
                    + "cn.grid.study.lecture-order.declined.v1 (for the ordering branch).")
    @APIResponse(responseCode = "200", description = "Declined",
            content = @Content(schema = @Schema(implementation = LectureOrderBodies.View.class)))
    @APIResponse(responseCode = "409", description = "Already answered (the detail names its state)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response decline(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid LectureOrderBodies.Decline body) {
        return current(service.decline(id, IfMatch.version(ifMatch),
                body == null ? null : MaterialBody.blankToNull(body.reason()), caller.get()));
    }

    @GET
    @RolesAllowed({ANYONE_STUDYING, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "listLectureOrders", summary = "Orders, newest first",
            description = "With orgId: those placed by the organisation and the ones below it (administrators). "
                    + "Without: those made to me as speaker.")
    @APIResponse(responseCode = "200", description = "One page")
    public CursorPage<LectureOrderBodies.View> list(@QueryParam("orgId") UUID orgId,
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.list(orgId, PageRequest.of(limit, cursor), caller.get(), LectureOrderBodies.View::of);
    }

    @GET
    @Path("/stats")
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "lectureOrderStats", summary = "Lectures on offer, how often they were ordered and "
            + "accepted",
            description = "开发微党课35堂，接受点单150余次: lecturesOffered counts the whole catalogue; the order "
                    + "counts cover the organisation's subtree, or every branch for an unbound district "
                    + "administrator who names no orgId.")
    @APIResponse(responseCode = "200", description = "The counts",
            content = @Content(schema = @Schema(implementation = LectureOrderService.Stats.class)))
    public LectureOrderService.Stats stats(@QueryParam("orgId") UUID orgId) {
        return service.stats(orgId, caller.get());
    }

    private static Response current(LectureOrder order) {
        return Versioned.ok(LectureOrderBodies.View.of(order), order.version());
    }
}
