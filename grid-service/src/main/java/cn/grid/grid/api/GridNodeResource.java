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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
@APIResponse(responseCode = "403", description = "Role or grid scope does not allow it",
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
                    + "exactly one level below its parent and inside the caller's grid scope.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = GridNodeView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Code already used among the siblings, or parent retired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull CreateGridNodeRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        GridNode node = service.create(request.toCommand(), caller.get());
        return Response.created(uri.getBaseUriBuilder().path("api/v1/grids/{id}").build(node.id()))
                .tag(etag(node))
                .entity(GridNodeView.of(node))
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.SERVICE})
    @Operation(operationId = "getGridNode", summary = "A node of the grid hierarchy")
    @APIResponse(responseCode = "200", description = "The node; ETag carries its version",
            content = @Content(schema = @Schema(implementation = GridNodeView.class)))
    @APIResponse(responseCode = "404", description = "No such node",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        GridNode node = service.get(id, caller.get());
        return Response.ok(GridNodeView.of(node)).tag(etag(node)).build();
    }

    @GET
    @Path("/{id}/children")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.SERVICE})
    @Operation(operationId = "listGridNodeChildren", summary = "The children of a node, in creation order",
            description = "Keyset paging: pass the previous page's nextCursor as cursor.")
    @APIResponse(responseCode = "200", description = "One page of children")
    @APIResponse(responseCode = "404", description = "No such node",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CursorPage<GridNodeView> children(@PathParam("id") UUID id,
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.children(id, PageRequest.of(limit, cursor), caller.get(), GridNodeView::of);
    }

    private static EntityTag etag(GridNode node) {
        return new EntityTag(Long.toString(node.version()));
    }
}
