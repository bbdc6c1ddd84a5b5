package cn.grid.request.api;

import cn.grid.platform.concurrency.Versioned;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.request.domain.Channel;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.request.app.ServiceRequestService;
import cn.grid.request.app.TicketListCriteria;
import cn.grid.request.domain.ServiceRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import cn.grid.platform.idempotency.IdempotencyKeys;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Request tickets")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or the caller's registry grants do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ServiceRequestResource {

    private final ServiceRequestService service;
    private final CurrentCaller caller;

    public ServiceRequestResource(ServiceRequestService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CITIZEN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "submitRequest", summary = "Submit a request ticket (点单)",
            description = "By a citizen, or by staff on a citizen's behalf (with a contact: onBehalf is true; staff "
                    + "file only inside what their registry grants reach). type and/or category: the category "
                    + "defaults to the type's general one (<type>-other). attributes are the category's extra "
                    + "fields, checked (an unknown field, a missing required one, a wrong type or list key is a "
                    + "400); photos are up to 9 http(s) URLs. Routed to gridNodeId when given (a grid known from "
                    + "grid events, else 400); otherwise by its coordinates to the deepest known grid whose "
                    + "boundary contains them (grid-service's boundaries as this service keeps them, no call to "
                    + "grid-service); otherwise it waits in the community-level queue (gridNodeId null). The "
                    + "response lists likelyDuplicates: open tickets of the same type and category within "
                    + "grid.requests.duplicate-radius metres (default 200), nearest first. With Idempotency-Key, a "
                    + "retry by the same caller with the same body returns the first ticket (Idempotency-Replayed: "
                    + "true), even when the retries race; the same body means the same content (key order, "
                    + "whitespace and 2 vs 2.0 do not count); the key with another body is a 422. Publishes "
                    + "cn.grid.request.submitted.v1 through the outbox.")
    @APIResponse(responseCode = "201", description = "Submitted",
            content = @Content(schema = @Schema(implementation = ServiceRequestView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@Valid @NotNull SubmitRequestBody body, @Context UriInfo uri,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "A client-chosen key (1-255 printable ASCII): a "
                    + "retry with the same key and body returns the ticket the first call created, never a second one",
                    example = "3b1f0c52-6a4e-4d55-9a0e-2f4c9d1e7a10") String idempotencyKey) {
        Caller who = caller.get();
        if (body.channel() != null && body.channel() != Channel.APP && !staff(who)) {
            // a citizen files through the app; HOTLINE, VISIT and GRID_PATROL record how staff took a ticket in
            throw DomainProblem.forbidden("channel " + body.channel() + " is set by grid staff; a citizen's ticket "
                    + "comes through APP");
        }
        IdempotencyKeys.Outcome<ServiceRequest> outcome = service.submit(body.toCommand(), who, idempotencyKey);
        ServiceRequest request = outcome.value();
        return Versioned.created(uri.getBaseUriBuilder().path("api/v1/requests/{id}").build(request.id()),
                        ServiceRequestView.submitted(request, service.likelyDuplicates(request)),
                        request.version())
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }

    private static boolean staff(Caller who) {
        return who.hasRole(Roles.GRID_WORKER) || who.hasRole(Roles.PARTY_MEMBER) || who.hasRole(Roles.ORG_ADMIN)
                || who.hasRole(Roles.DISTRICT_ADMIN);
    }

    /** How many citizens said "me too" on a ticket. */
    @Schema(name = "MeToo")
    public record MeTooView(UUID requestId, long meToo) {
    }

    @POST
    @Path("/{id}/me-too")
    @RolesAllowed(Roles.CITIZEN)
    @Operation(operationId = "meTooRequest", summary = "我也遇到: add your weight to an open ticket",
            description = "By a citizen who meets the same problem, instead of submitting a duplicate (submitRequest "
                    + "lists the likely ones); counted once per citizen, on an open ticket (409 otherwise).")
    @APIResponse(responseCode = "200", description = "The count",
            content = @Content(schema = @Schema(implementation = MeTooView.class)))
    @APIResponse(responseCode = "409", description = "The ticket is no longer open",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MeTooView meToo(@PathParam("id") UUID id) {
        return new MeTooView(id, service.meToo(id, caller.get()));
    }

    @GET
    @Path("/micro-wishes")
    @RolesAllowed({Roles.PARTY_MEMBER, Roles.GRID_WORKER})
    @Operation(operationId = "microWishBoard", summary = "微心愿 board: accepted wishes you may claim",
            description = "Accepted MICRO_WISH tickets in the grids where the caller is registered as a party member "
                    + "or volunteer (grid_assignment_view), or below them, newest first; claim one with POST "
                    + "/api/v1/requests/{id}/claim (claimMicroWish). Contacts masked.")
    @APIResponse(responseCode = "200", description = "One page")
    public CursorPage<ServiceRequestView> microWishes(
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.wishBoard(PageRequest.of(limit, cursor), caller.get(), ServiceRequestView::masked);
    }

    @GET
    @Path("/escalated")
    @RolesAllowed({Roles.GRID_WORKER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    @Operation(operationId = "listEscalatedRequests", summary = "督办 queue: open tickets escalated to a node",
            description = "Tickets whose responsibility was escalated (by hand or by the SLA sweep) to exactly this "
                    + "node and that are not resolved yet, newest first; contacts masked. For staff over the node "
                    + "and service accounts.")
    @APIResponse(responseCode = "200", description = "One page")
    public CursorPage<ServiceRequestView> escalated(@QueryParam("nodeId") @NotNull UUID nodeId,
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.escalatedTo(nodeId, PageRequest.of(limit, cursor), caller.get(), ServiceRequestView::masked);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CITIZEN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN,
            Roles.SERVICE})
    @Operation(operationId = "getRequest", summary = "A request ticket",
            description = "Citizens see only their own tickets; staff only those routed inside what their registry grants reach.")
    @APIResponse(responseCode = "200", description = "The ticket; ETag carries its version",
            content = @Content(schema = @Schema(implementation = ServiceRequestView.class)))
    @APIResponse(responseCode = "404", description = "No such ticket",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        ServiceRequest request = service.get(id, caller.get());
        return Versioned.ok(ServiceRequestView.of(request), request.version());
    }

    @GET
    @RolesAllowed({Roles.CITIZEN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN,
            Roles.SERVICE})
    @Operation(operationId = "listRequests", summary = "Request tickets: a work list with filters and a sort",
            description = "Without gridNodeId: the caller's own tickets and, for staff, every ticket within their "
                    + "reach (the subtrees their registry grants cover; district administrators and service "
                    + "accounts: all). With it: the tickets routed into that node's subtree, for staff whose "
                    + "registry grants reach the node (403 otherwise). The filters narrow that set (all given must "
                    + "hold); sort picks the order, newest first by default. Keyset paging via nextCursor: a cursor "
                    + "continues the list with the same filters and sort it was issued for. Contacts are masked "
                    + "(李*, 138****1234).")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "A filter, sort or cursor value this list does not know; "
            + "the problem names the parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CursorPage<ServiceRequestView> list(@QueryParam("gridNodeId") UUID gridNodeId,
            @QueryParam("status") @Parameter(description = "Lifecycle states: repeat the parameter or give a comma "
                    + "list, e.g. SUBMITTED,ACCEPTED,DISPATCHED,SIGNED,RETURNED,IN_PROGRESS,REOPENED (any of them "
                    + "matches)") List<String> status,
            @QueryParam("type") @Parameter(description = "A ticket type", example = "PROBLEM_REPORT") String type,
            @QueryParam("category") @Parameter(description = "A category code of the catalogue",
                    example = "water-pipe") String category,
            @QueryParam("assignee") @Parameter(description = "Whose work: a team id (dispatched to the team), a "
                    + "person id (dispatched to or taken by the person), or `me` (the caller)",
                    example = "me") String assignee,
            @QueryParam("overdue") @Parameter(description = "true: a running clock is marked overdue; false: none",
                    schema = @Schema(type = SchemaType.BOOLEAN)) String overdue,
            @QueryParam("from") @Parameter(description = "Submitted at or after: an ISO-8601 instant with offset, "
                    + "or a date (from its start, Asia/Shanghai)", example = "2026-12-01") String from,
            @QueryParam("to") @Parameter(description = "Submitted at or before: an ISO-8601 instant with offset, "
                    + "or a date (to its end); not before from", example = "2026-12-07T18:00:00+08:00") String to,
            @QueryParam("sort") @Parameter(description = "-submittedAt (default, newest first), submittedAt, "
                    + "dueAt (the running clock's deadline, soonest first), -dueAt, updatedAt, -updatedAt",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"-submittedAt", "submittedAt", "dueAt",
                            "-dueAt", "updatedAt", "-updatedAt"})) String sort,
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        TicketListCriteria criteria = new TicketListCriteria(status, type, category, assignee, overdue, from, to,
                sort);
        return service.list(gridNodeId, criteria, PageRequest.of(limit, cursor), caller.get(),
                ServiceRequestView::masked);
    }
}
