package cn.grid.grid.api;

import cn.grid.grid.app.GridNodeService;
import cn.grid.grid.domain.GridNode;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import cn.grid.grid.domain.GridLevel;
import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.concurrency.Versioned;
import cn.grid.platform.idempotency.IdempotencyKeys;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

@Path("/api/v1/grids")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Grid hierarchy")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or the caller's registry grants do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class GridNodeResource {

    private final GridNodeService service;
    private final CurrentCaller caller;

    public GridNodeResource(GridNodeService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "createGridNode", summary = "Add a node to the grid hierarchy",
            description = "A DISTRICT is a root (parentId null, unbound district-admin only); any other node is "
                    + "exactly one level below its parent and inside what the caller's registry grants reach. With an "
                    + "Idempotency-Key, a retry with the same key and body returns the node the first call added "
                    + "(201, Idempotency-Replayed: true) where a retry without a key is refused (409, the code is "
                    + "taken); the same key with another body is 422. Keys are per caller. "
                    + "For district and organisation administrators; code is unique among the parent's children "
                    + "(409), and the parent must be active.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = GridNodeView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Code already used among the siblings, or parent retired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull CreateGridNodeRequest request, @jakarta.ws.rs.core.Context UriInfo uri,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "A client-chosen key (1-255 printable ASCII): a "
                    + "retry with the same key and body returns the node the first call added, never a 409 for its "
                    + "own code", example = "3b1f0c52-6a4e-4d55-9a0e-2f4c9d1e7a10") String idempotencyKey) {
        IdempotencyKeys.Outcome<GridNode> outcome = service.create(request.toCommand(), caller.get(), idempotencyKey);
        GridNode node = outcome.value();
        return Versioned.created(uri.getBaseUriBuilder().path("api/v1/grids/{id}").build(node.id()),
                        GridNodeView.of(node), node.version())
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.SERVICE,
            Roles.CITIZEN})
    @Operation(operationId = "getGridNode", summary = "A node of the grid hierarchy",
            description = "Staff read nodes inside their scope; citizens read any node's public information.")
    @APIResponse(responseCode = "200", description = "The node; ETag carries its version",
            content = @Content(schema = @Schema(implementation = GridNodeView.class)))
    @APIResponse(responseCode = "404", description = "No such node",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        GridNode node = service.get(id, caller.get());
        return Versioned.ok(GridNodeView.of(node), node.version());
    }

    @GET
    @Path("/{id}/children")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.SERVICE,
            Roles.CITIZEN})
    @Operation(operationId = "listGridNodeChildren", summary = "The children of a node, in creation order",
            description = "Keyset paging: pass the previous page's nextCursor as cursor. "
                    + "For any signed-in caller.")
    @APIResponse(responseCode = "200", description = "One page of children")
    @APIResponse(responseCode = "404", description = "No such node",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CursorPage<GridNodeView> children(@PathParam("id") UUID id,
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.children(id, PageRequest.of(limit, cursor), caller.get(), GridNodeView::of);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "updateGridNode", summary = "Rename a node or change its counts",
            description = "Optimistic concurrency: If-Match must carry the ETag last read (428 without it, 412 "
                    + "when the node changed since). "
                    + "Sets a new name and/or households and residents; for district and organisation "
                    + "administrators.")
    @APIResponse(responseCode = "200", description = "Updated; ETag carries the new version",
            content = @Content(schema = @Schema(implementation = GridNodeView.class)))
    @APIResponse(responseCode = "412", description = "The node changed since the ETag in If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") UUID id,
            @HeaderParam("If-Match") @Parameter(description = "ETag of the version being changed", example = "\"0\"")
            String ifMatch,
            @Valid @NotNull UpdateGridNodeRequest request) {
        return current(service.update(id, IfMatch.version(ifMatch), request.toCommand(), caller.get()));
    }

    @POST
    @Path("/{id}/move")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "moveGridNode", summary = "Move a node and its subtree under another parent",
            description = "The new parent is one level above the node and inside what the caller's registry grants reach; a move "
                    + "into the node's own subtree is refused (409). Requires If-Match. "
                    + "The node moves with its whole subtree (one statement rewrites every path); 409 also for a "
                    + "code already taken under the new parent, 400 when the level does not fit. For district and "
                    + "organisation administrators.")
    @APIResponse(responseCode = "200", description = "Moved",
            content = @Content(schema = @Schema(implementation = GridNodeView.class)))
    @APIResponse(responseCode = "409", description = "Cycle, retired parent or code taken under the new parent",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response move(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull MoveGridNodeRequest request) {
        return current(service.move(id, IfMatch.version(ifMatch), request.parentId(), caller.get()));
    }

    @POST
    @Path("/{id}/retire")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "retireGridNode", summary = "Retire a node",
            description = "Refused (409) while active children, assignments, organisations or teams remain at it. "
                    + "Requires If-Match. "
                    + "Takes a reason. Refused (409, saying what remains) also while current or planned assignments "
                    + "or open citizen tickets remain: move, end or dispatch them elsewhere first. A retired node "
                    + "takes no new children, people, organisations or teams. For district and organisation "
                    + "administrators.")
    @APIResponse(responseCode = "200", description = "Retired",
            content = @Content(schema = @Schema(implementation = GridNodeView.class)))
    @APIResponse(responseCode = "409", description = "Something active remains, or already retired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response retire(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid RetireGridNodeRequest request) {
        return current(service.retire(id, IfMatch.version(ifMatch), request == null ? null : request.reason(),
                caller.get()));
    }

    @GET
    @Path("/{id}/ancestors")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.SERVICE,
            Roles.CITIZEN})
    @Operation(operationId = "listGridNodeAncestors", summary = "The breadcrumb of a node",
            description = "Root first, the node itself last. A bound caller sees the ancestors above its scope "
                    + "only as far as its own subtree hangs from them.")
    @APIResponse(responseCode = "200", description = "The breadcrumb")
    public GridNodeList ancestors(@PathParam("id") UUID id) {
        return new GridNodeList(service.ancestors(id, caller.get()).stream().map(GridNodeView::of).toList());
    }

    @GET
    @Path("/{id}/descendants")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.SERVICE})
    @Operation(operationId = "searchGridSubtree", summary = "Search a node's subtree by name and level",
            description = "Nodes strictly below the node, filtered by a name fragment (q) and/or level, keyset paged. "
                    + "Name search by trigram index. For staff and service accounts.")
    @APIResponse(responseCode = "200", description = "One page of matching nodes")
    public CursorPage<GridNodeView> descendants(@PathParam("id") UUID id,
            @QueryParam("q") @Size(max = 100) @Parameter(description = "name fragment", example = "龙华") String q,
            @QueryParam("level") GridLevel level,
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.descendants(id, q, level, PageRequest.of(limit, cursor), caller.get(), GridNodeView::of);
    }

    @GET
    @Path("/{id}/counts")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.SERVICE})
    @Operation(operationId = "countGridSubtree", summary = "Counts per level of a node's subtree",
            description = "For each level that has active nodes in the subtree (the node itself included), top level "
                    + "first: how many, and the sums of the households and residents recorded on them; retired nodes "
                    + "are left out and levels without active nodes omitted. For administrators, grid workers and "
                    + "service accounts whose registry grants reach the node; 404 for an unknown node.")
    @APIResponse(responseCode = "200", description = "Counts",
            content = @Content(schema = @Schema(implementation = GridCountsView.class)))
    public GridCountsView counts(@PathParam("id") UUID id) {
        return GridCountsView.of(id, service.counts(id, caller.get()));
    }

    private static Response current(GridNode node) {
        return Versioned.ok(GridNodeView.of(node), node.version());
    }
}
