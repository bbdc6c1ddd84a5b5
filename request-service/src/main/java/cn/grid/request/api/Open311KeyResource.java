package cn.grid.request.api;

import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.request.app.Open311KeyService;
import cn.grid.request.domain.Open311Key;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Open311 api keys, one per integrator, managed by district administrators (JSON API, problem+json errors). */
@Path("/api/v1/open311/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Open311 api keys")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.DISTRICT_ADMIN)
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not a district administrator",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class Open311KeyResource {

    @Schema(name = "Open311KeyRequest")
    public record IssueBody(@Schema(description = "The integrator; tickets it files are reported by open311:<name>",
            examples = "12345-hotline") @NotBlank @Size(max = 100) String name) {
    }

    @Schema(name = "Open311Key", description = "An api key as listed: never the key itself.")
    public record KeyView(UUID id, String name, OffsetDateTime createdAt, String createdBy, OffsetDateTime revokedAt,
            boolean live) {

        static KeyView of(Open311Key k) {
            return new KeyView(k.id(), k.name(), k.createdAt(), k.createdBy(), k.revokedAt(), k.live());
        }
    }

    @Schema(name = "Open311KeyIssued", description = "A new key; apiKey is shown this once and kept nowhere.")
    public record IssuedView(UUID id, String name, OffsetDateTime createdAt, String createdBy,
            @Schema(description = "Give it to the integrator now: only its SHA-256 is stored") String apiKey) {
    }

    private final Open311KeyService keys;
    private final CurrentCaller caller;

    public Open311KeyResource(Open311KeyService keys, CurrentCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueOpen311Key", summary = "Issue an api key to an integrator",
            description = "District administrators only. Creates a random key for the integrator and returns 201 with "
                    + "Location, Cache-Control: no-store and the clear apiKey, shown this once (only its SHA-256 is "
                    + "kept); tickets filed with it are reported by the citizen open311:<name>. 409 while a live key "
                    + "has the same name (revoke it first or choose another), 400 for a blank or overlong name.")
    @APIResponse(responseCode = "201", description = "Issued; the clear key is in the body, once",
            content = @Content(schema = @Schema(implementation = IssuedView.class)))
    @APIResponse(responseCode = "409", description = "A live key has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response issue(@Valid @NotNull IssueBody body, @Context UriInfo uri) {
        Open311KeyService.Issued issued = keys.issue(body.name(), caller.get());
        Open311Key k = issued.key();
        return Response.created(uri.getBaseUriBuilder().path("api/v1/open311/keys/{id}").build(k.id()))
                // the one response that carries the secret: no cache may keep it
                .header("Cache-Control", "no-store")
                .entity(new IssuedView(k.id(), k.name(), k.createdAt(), k.createdBy(), issued.clearKey()))
                .build();
    }

    @GET
    @Operation(operationId = "listOpen311Keys", summary = "Every api key, newest first, without secrets",
            description = "District administrators only, whatever their grants (keys belong to no grid). Lists "
                    + "live and revoked keys with id, integrator name, creator, creation and revocation times and a "
                    + "live flag; the clear key was shown once when issued and neither it nor its hash is ever "
                    + "returned.")
    @APIResponse(responseCode = "200", description = "Every key, newest first, without secrets",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = KeyView.class)))
    public List<KeyView> list() {
        return keys.list(caller.get()).stream().map(KeyView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeOpen311Key", summary = "Revoke an api key",
            description = "From now on requests with it get 403; its tickets stay. Revoking twice is harmless.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response revoke(@PathParam("id") UUID id) {
        keys.revoke(id, caller.get());
        return Response.noContent().build();
    }
}
