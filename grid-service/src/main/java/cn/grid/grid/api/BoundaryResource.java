package cn.grid.grid.api;

import cn.grid.platform.concurrency.Versioned;
import cn.grid.grid.app.BoundaryService;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Node boundaries (GeoJSON) and locating the grid of a point. */
@Path("/api/v1/grids")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Boundaries")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or the caller's registry grants do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class BoundaryResource {

    @Schema(name = "Boundary", description = "A node's boundary: a GeoJSON Polygon or MultiPolygon (WGS 84).")
    public record BoundaryView(UUID nodeId, @Schema(implementation = Object.class) JsonNode geometry, long version) {
    }

    private final BoundaryService service;
    private final CurrentCaller caller;

    public BoundaryResource(BoundaryService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @PUT
    @Path("/{id}/boundary")
    @Consumes({MediaType.APPLICATION_JSON, "application/geo+json"})
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "putGridBoundary", summary = "Set or replace a node's boundary",
            description = "Closed rings, coordinates in range, no self-intersection, holes inside their shell; "
                    + "inside the parent's boundary, overlapping no sibling's (shared borders are fine), and every "
                    + "child's boundary still inside. Replacing needs If-Match with the boundary's ETag. "
                    + "A refusal names the offending node (409) or position (400). For district and organisation "
                    + "administrators.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Object.class),
            examples = @ExampleObject(name = "a grid", value = """
                    {"type": "Polygon", "coordinates": [[[103.820, 25.660], [103.826, 25.660], [103.826, 25.668],
                     [103.820, 25.668], [103.820, 25.660]]]}""")))
    @APIResponse(responseCode = "200", description = "Stored; ETag carries the boundary's version",
            content = @Content(schema = @Schema(implementation = BoundaryView.class)))
    @APIResponse(responseCode = "400", description = "Invalid geometry, with the offending position",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Outside the parent, overlapping a sibling, or leaving a child out "
            + "(the node is named)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response put(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @NotNull JsonNode geometry) {
        BoundaryService.Boundary boundary = service.put(id, ifMatch, geometry, caller.get());
        return Versioned.ok(new BoundaryView(id, boundary.geometry(), boundary.version()), boundary.version());
    }

    @GET
    @Path("/{id}/boundary")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.SERVICE,
            Roles.CITIZEN})
    @Operation(operationId = "getGridBoundary", summary = "A node's boundary",
            description = "The GeoJSON geometry as stored, with the boundary's version, which is also the ETag to "
                    + "send as If-Match to putGridBoundary. A caller holding only the citizen role may read any "
                    + "node's boundary; staff and service accounts only nodes inside what their registry grants reach. 404 when the "
                    + "node does not exist or has no boundary yet.")
    @APIResponse(responseCode = "200", description = "The boundary",
            content = @Content(schema = @Schema(implementation = BoundaryView.class)))
    @APIResponse(responseCode = "404", description = "No such node, or no boundary yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        BoundaryService.Boundary boundary = service.get(id, caller.get());
        return Versioned.ok(new BoundaryView(id, boundary.geometry(), boundary.version()), boundary.version());
    }

    @GET
    @Path("/locate")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.SERVICE,
            Roles.CITIZEN})
    @Operation(operationId = "locateGridNode", summary = "The deepest node whose boundary contains a point",
            description = "Public node information: anyone signed in may ask where a place belongs. "
                    + "Answers the deepest active node whose boundary contains lat/lon (a GiST bounding-box index, "
                    + "then the exact test); 404 problem when none does.")
    @APIResponse(responseCode = "200", description = "The node",
            content = @Content(schema = @Schema(implementation = GridNodeView.class)))
    @APIResponse(responseCode = "404", description = "No boundary contains the point",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GridNodeView locate(@QueryParam("lat") @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @QueryParam("lon") @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {
        return GridNodeView.of(service.locate(lat, lon));
    }
}
