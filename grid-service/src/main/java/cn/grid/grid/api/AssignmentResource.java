package cn.grid.grid.api;

import cn.grid.platform.concurrency.Versioned;
import cn.grid.grid.app.PeopleService;
import cn.grid.grid.domain.Assignment;
import cn.grid.grid.domain.AssignmentRole;
import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.UUID;

/** People at a node: assignments, who holds which role in a subtree, who was responsible on a day. */
@Path("/api/v1/grids/{nodeId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "People")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or the caller's registry grants do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AssignmentResource {

    private final PeopleService service;
    private final CurrentCaller caller;

    public AssignmentResource(PeopleService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("/assignments")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER})
    @Operation(operationId = "startAssignment", summary = "Assign a person to a role at this node",
            description = "Grid heads and workers, the five heads (网格长/路长/巷长/楼长/店长), the three heads "
                    + "(片长/组长/邻长), volunteers, service specialists, and party members registering at their "
                    + "residence (居住地报到; with workOrganisation: 双报到). Administrators assign any role; grid "
                    + "workers record only PARTY_MEMBER registrations in their grids (else 403 naming role). Only a "
                    + "person within the caller's area may be assigned — home, a current or planned assignment, or a "
                    + "current membership or team place there; anyone else is refused (403 naming personId, nothing "
                    + "saved) and is invited instead (POST /api/v1/people/{id}/invitations). Publishes "
                    + "cn.grid.grid.assignment.started.v1 (a party member: cn.grid.grid.party-member.registered.v1) "
                    + "through the outbox. With an Idempotency-Key, a retry with the same key and body returns the "
                    + "assignment the first call started (201, Idempotency-Replayed: true) and publishes nothing "
                    + "again, where a retry without a key is refused (409, it overlaps itself) or, racing the first, "
                    + "could start it twice; the same key with another body is 422. Keys are per caller.")
    @APIResponse(responseCode = "201", description = "Assigned",
            content = @Content(schema = @Schema(implementation = AssignmentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input, e.g. an end before the start",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409",
            description = "Overlaps the same role of the same person here, or the node is retired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response assign(@PathParam("nodeId") UUID nodeId, @Valid @NotNull AssignmentRequest request,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "A client-chosen key (1-255 printable ASCII): a "
                    + "retry with the same key and body returns the assignment the first call started, never a "
                    + "second one", example = "3b1f0c52-6a4e-4d55-9a0e-2f4c9d1e7a10") String idempotencyKey) {
        IdempotencyKeys.Outcome<Assignment> outcome = service.assign(request.toCommand(nodeId), caller.get(),
                idempotencyKey);
        Assignment assignment = outcome.value();
        return Versioned.created(null, AssignmentView.of(assignment), assignment.version())
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }

    @POST
    @Path("/assignments/{assignmentId}/end")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "endAssignment", summary = "End an assignment (it stays in the history)",
            description = "Requires If-Match with the assignment's ETag. "
                    + "Takes endDate and reason; the assignment stays in the history. For district and organisation "
                    + "administrators.")
    @APIResponse(responseCode = "200", description = "Ended",
            content = @Content(schema = @Schema(implementation = AssignmentView.class)))
    @APIResponse(responseCode = "409", description = "Already ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response end(@PathParam("nodeId") UUID nodeId, @PathParam("assignmentId") UUID assignmentId,
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull EndAssignmentRequest request) {
        Assignment assignment = service.end(nodeId, assignmentId, IfMatch.version(ifMatch), request.endDate(),
                request.reason(), caller.get());
        return Versioned.ok(AssignmentView.of(assignment), assignment.version());
    }

    @GET
    @Path("/people")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.SERVICE})
    @Operation(operationId = "listSubtreePeople", summary = "Who holds which role in the node's subtree on a day",
            description = "Phones are masked. Keyset paged. "
                    + "Who holds which role in the subtree on a day (on, default today; role filters). For staff "
                    + "and service accounts.")
    @APIResponse(responseCode = "200", description = "One page")
    public CursorPage<AssignmentView> people(@PathParam("nodeId") UUID nodeId,
            @QueryParam("role") AssignmentRole role,
            @QueryParam("on") @Parameter(description = "Day (default today)", example = "2026-11-25") LocalDate on,
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.inSubtree(nodeId, role, on, PageRequest.of(limit, cursor), caller.get(), AssignmentView::of);
    }

    @GET
    @Path("/responsible")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.SERVICE})
    @Operation(operationId = "whoWasResponsible", summary = "Who was responsible for the node on a day",
            description = "The assignments holding that day at the node and at each of its ancestors, the node's "
                    + "own first. "
                    + "For staff and service accounts.")
    @APIResponse(responseCode = "200", description = "Closest first")
    public AssignmentList responsible(@PathParam("nodeId") UUID nodeId,
            @QueryParam("on") @Parameter(description = "Day (default today)", example = "2026-03-15") LocalDate on) {
        return new AssignmentList(service.responsibleOn(nodeId, on, caller.get()).stream().map(AssignmentView::of)
                .toList());
    }
}
