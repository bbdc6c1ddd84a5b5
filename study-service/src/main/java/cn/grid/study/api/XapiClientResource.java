package cn.grid.study.api;

import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.study.app.XapiClientService;
import cn.grid.study.domain.xapi.XapiClient;
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

/**
 * LRS client credentials for the xAPI face: key and secret for HTTP Basic, scoped to a party organisation's subtree,
 * managed by district administrators and by organisation administrators over the organisation.
 */
@Path("/api/v1/study/xapi-clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "xAPI clients")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not an administrator over the organisation",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class XapiClientResource {

    @Schema(name = "XapiClientRequest")
    public record IssueBody(
            @Schema(description = "Who uses the credentials (shown as the authority's name of their statements)",
                    examples = "党员e家 course player") @NotBlank @Size(max = 100) String name,
            @Schema(description = "The party organisation whose members (its own and its sub-organisations') the "
                    + "client may record statements for") @NotNull UUID orgId) {
    }

    @Schema(name = "XapiClient", description = "LRS client credentials as listed: never the secret.")
    public record ClientView(UUID id, @Schema(description = "The Basic user name (the id)") String key, String name,
            UUID orgId, OffsetDateTime createdAt, String createdBy, OffsetDateTime revokedAt, boolean live) {

        static ClientView of(XapiClient c) {
            return new ClientView(c.id(), c.key(), c.name(), c.orgId(), c.createdAt(), c.createdBy(), c.revokedAt(),
                    c.live());
        }
    }

    @Schema(name = "XapiClientIssued", description = "New credentials; the secret is shown this once and kept nowhere.")
    public record IssuedView(UUID id, @Schema(description = "The Basic user name") String key, String name, UUID orgId,
            OffsetDateTime createdAt, String createdBy,
            @Schema(description = "The Basic password. Give it to the client now: only its SHA-256 is stored")
            String secret) {
    }

    private final XapiClientService clients;
    private final CurrentCaller caller;

    public XapiClientResource(XapiClientService clients, CurrentCaller caller) {
        this.clients = clients;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueXapiClient", summary = "Issue LRS client credentials for /xapi",
            description = "A district administrator, or an organisation administrator whose reach covers the "
                    + "organisation's grid. Returns 201 with Location, Cache-Control: no-store, the key and the secret, "
                    + "shown this once (only the secret's SHA-256 is kept). The client sends Authorization: Basic "
                    + "base64(key:secret) to /xapi and may record statements for the current members of the "
                    + "organisation and its sub-organisations, and for learners outside the registry. 400 naming "
                    + "orgId for an unknown organisation, 409 for a dissolved one.")
    @APIResponse(responseCode = "201", description = "Issued; the secret is in the body, once",
            content = @Content(schema = @Schema(implementation = IssuedView.class)))
    @APIResponse(responseCode = "400", description = "A blank or overlong name, no or an unknown orgId",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The organisation is dissolved",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response issue(@Valid @NotNull IssueBody body, @Context UriInfo uri) {
        XapiClientService.Issued issued = clients.issue(body.name(), body.orgId(), caller.get());
        XapiClient c = issued.client();
        return Response.created(uri.getBaseUriBuilder().path("api/v1/study/xapi-clients/{id}").build(c.id()))
                // the one response that carries the secret: no cache may keep it
                .header("Cache-Control", "no-store")
                .entity(new IssuedView(c.id(), c.key(), c.name(), c.orgId(), c.createdAt(), c.createdBy(),
                        issued.secret()))
                .build();
    }

    @GET
    @Operation(operationId = "listXapiClients", summary = "LRS client credentials, newest first, without secrets",
            description = "A district administrator sees every client; an organisation administrator those of the "
                    + "organisations in their reach. Live and revoked, with key, name, organisation, creator and "
                    + "times; neither the secret nor its hash is ever returned.")
    @APIResponse(responseCode = "200", description = "The clients, newest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ClientView.class)))
    public List<ClientView> list() {
        return clients.list(caller.get()).stream().map(ClientView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeXapiClient", summary = "Revoke LRS client credentials",
            description = "From now on Basic requests with them get 401; the statements they stored stay. Revoking "
                    + "twice is harmless.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response revoke(@PathParam("id") UUID id) {
        clients.revoke(id, caller.get());
        return Response.noContent().build();
    }
}
