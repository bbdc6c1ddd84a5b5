package cn.grid.readmodel.grid;

import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * Shows a consuming service's grid read model: {@code GET <path>/{id}}. A service exposes it by extending this
 * class with its own {@code @Path} (e.g. {@code /api/v1/requests/grid-nodes}).
 */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Grid read model")
public abstract class KnownGridNodeResourceBase {

    private final GridNodeViews views;
    private final CurrentCaller caller;

    protected KnownGridNodeResourceBase(GridNodeViews views, CurrentCaller caller) {
        this.views = views;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.GRID_WORKER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    // on the method: SmallRye reads an inherited method's annotations, not those of the subclass's superclass
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "A grid node as this service knows it",
            description = "Fed by grid.events; a node appears here shortly after grid-service created it.")
    @APIResponse(responseCode = "200", description = "The node",
            content = @Content(schema = @Schema(implementation = GridNodeSnapshot.class)))
    @APIResponse(responseCode = "403", description = "Outside the caller's reach (the registry's grants, narrowed by a token's grid_scope)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Not (yet) known here",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GridNodeSnapshot get(@PathParam("id") UUID id) {
        return views.get(id, caller.get());
    }
}
