package cn.grid.grid.api;

import cn.grid.grid.app.RegistrationService;
import cn.grid.grid.app.SubmitRegistration;
import cn.grid.grid.domain.RegistrationRequest;
import cn.grid.grid.domain.RegistrationStatus;
import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.concurrency.Versioned;
import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
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

/**
 * 居住地报到 as a workflow: members report in at a grid, the grid's reviewers decide. Any signed-in caller may call
 * these; who the caller is in the registry decides what they may do (their login's person, its assignments).
 */
@Path("/api/v1/grids/{nodeId}/registrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Registrations")
@SecurityRequirement(name = "jwt")
@RolesAllowed("**")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller does not review this grid (or is linked to no person)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such node or request",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RegistrationResource {

    private final RegistrationService service;
    private final CurrentCaller caller;

    public RegistrationResource(RegistrationService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "submitRegistration", summary = "Report in at this grid (居住地报到)",
            description = "By the caller themself: their login must be linked to a person (else 403). The request "
                    + "is PENDING until a reviewer of the grid approves or rejects it; it is announced as "
                    + "cn.grid.grid.registration.submitted.v1 (for the reviewers), party-member.registered only "
                    + "follows an approval. 409 when the caller already has a pending request here or is registered "
                    + "here, or the node is retired. With an Idempotency-Key, a retry returns the request the first "
                    + "call made (201, Idempotency-Replayed: true).")
    @APIResponse(responseCode = "201", description = "Requested",
            content = @Content(schema = @Schema(implementation = RegistrationDtos.RegistrationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already pending or registered here, or the node is retired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@PathParam("nodeId") UUID nodeId, @Valid @NotNull RegistrationDtos.SubmitRequest request,
            @Context UriInfo uri,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "A client-chosen key (1-255 printable ASCII): a retry with the same key and "
                    + "body returns the request the first call made", example = "3b1f0c52-6a4e-4d55-9a0e-2f4c9d1e7a10")
            String idempotencyKey) {
        String work = request.workOrganisation() == null || request.workOrganisation().isBlank() ? null
                : request.workOrganisation().strip();
        IdempotencyKeys.Outcome<RegistrationRequest> outcome = service.submit(new SubmitRegistration(nodeId, work),
                caller.get(), idempotencyKey);
        RegistrationRequest created = outcome.value();
        return Versioned.created(uri.getBaseUriBuilder().path("api/v1/grids/{nodeId}/registrations/{id}")
                                .build(nodeId, created.id()), RegistrationDtos.RegistrationView.of(created, null, null),
                        created.version())
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }

    @GET
    @Operation(operationId = "listRegistrations", summary = "Registration requests in this node's subtree",
            description = "For the node's reviewers: staff whose area holds it, and people with a current grid head, "
                    + "grid worker or service specialist assignment at the node or above. Keyset paged, id order. "
                    + "status filters the requests.")
    @APIResponse(responseCode = "200", description = "One page")
    public CursorPage<RegistrationDtos.RegistrationView> list(@PathParam("nodeId") UUID nodeId,
            @QueryParam("status") @Parameter(description = "Only this status, e.g. PENDING")
            RegistrationStatus status,
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.inSubtree(nodeId, status, PageRequest.of(limit, cursor), caller.get(),
                RegistrationDtos.RegistrationView::of);
    }

    @GET
    @Path("/{requestId}")
    @Operation(operationId = "getRegistration", summary = "One registration request",
            description = "For the member who made it and the grid's reviewers; ETag = version.")
    @APIResponse(responseCode = "200", description = "The request",
            content = @Content(schema = @Schema(implementation = RegistrationDtos.RegistrationView.class)))
    public Response get(@PathParam("nodeId") UUID nodeId, @PathParam("requestId") UUID requestId) {
        RegistrationService.Reviewed found = service.get(nodeId, requestId, caller.get());
        return Versioned.ok(RegistrationDtos.RegistrationView.of(found), found.request().version());
    }

    @POST
    @Path("/{requestId}/approve")
    @Consumes(MediaType.WILDCARD) // no body: a client need not send a Content-Type
    @Operation(operationId = "approveRegistration", summary = "Approve: the member is registered here from today",
            description = "By a reviewer of the grid (not the member themself). Starts the PARTY_MEMBER assignment "
                    + "(with the request's work organisation: 双报到) and publishes "
                    + "cn.grid.grid.party-member.registered.v1 and cn.grid.grid.registration.reviewed.v1 (APPROVED) "
                    + "through the outbox, in one transaction. Requires "
                    + "If-Match (428 without, 412 when stale: e.g. another reviewer decided first); 409 when it is "
                    + "no longer pending or the member is already registered here.")
    @APIResponse(responseCode = "200", description = "Approved",
            content = @Content(schema = @Schema(implementation = RegistrationDtos.RegistrationView.class)))
    @APIResponse(responseCode = "409", description = "Not pending any more, or already registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "No If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response approve(@PathParam("nodeId") UUID nodeId, @PathParam("requestId") UUID requestId,
            @HeaderParam("If-Match") String ifMatch) {
        RegistrationRequest approved = service.approve(nodeId, requestId, IfMatch.version(ifMatch), caller.get());
        return Versioned.ok(RegistrationDtos.RegistrationView.of(approved, null, null), approved.version());
    }

    @POST
    @Path("/{requestId}/reject")
    @Operation(operationId = "rejectRegistration", summary = "Reject, with a reason the member reads",
            description = "By a reviewer of the grid; `reason` is required (400 naming it). Publishes "
                    + "cn.grid.grid.registration.reviewed.v1 (REJECTED, with the reason) for the member. "
                    + "If-Match as for approving; 409 when it is no longer pending.")
    @APIResponse(responseCode = "200", description = "Rejected",
            content = @Content(schema = @Schema(implementation = RegistrationDtos.RegistrationView.class)))
    @APIResponse(responseCode = "400", description = "No reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not pending any more",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reject(@PathParam("nodeId") UUID nodeId, @PathParam("requestId") UUID requestId,
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull RegistrationDtos.RejectRequest request) {
        RegistrationRequest rejected = service.reject(nodeId, requestId, IfMatch.version(ifMatch), request.reason(),
                caller.get());
        return Versioned.ok(RegistrationDtos.RegistrationView.of(rejected, null, null), rejected.version());
    }
}
