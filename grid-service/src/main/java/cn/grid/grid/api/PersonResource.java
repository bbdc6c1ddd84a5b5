package cn.grid.grid.api;

import cn.grid.platform.concurrency.Versioned;
import cn.grid.grid.app.InvitationService;
import cn.grid.grid.app.PeopleService;
import cn.grid.grid.domain.Invitation;
import cn.grid.grid.domain.Person;
import cn.grid.platform.idempotency.IdempotencyKeys;
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

@Path("/api/v1/people")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "People")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or the caller's registry grants do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PersonResource {

    private final PeopleService service;
    private final InvitationService invitations;
    private final CurrentCaller caller;

    public PersonResource(PeopleService service, InvitationService invitations, CurrentCaller caller) {
        this.service = service;
        this.invitations = invitations;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER})
    @Operation(operationId = "registerPerson", summary = "Register a person living at a node of the caller's scope",
            description = "Returns the person with Location and ETag; an identity number must be 17 digits and a "
                    + "matching check character (GB 11643, else 400) and is kept only as a keyed hash and its last "
                    + "four characters. District and org administrators and grid workers whose registry grants reach "
                    + "homeNodeId; 400 when that node does not exist, 409 when it is retired or the identity number "
                    + "or login subject is already registered. Publishes no event. With an Idempotency-Key, a retry "
                    + "with the same key and body returns the person the first call registered (201, "
                    + "Idempotency-Replayed: true) instead of registering them twice, which a retry without a key "
                    + "does when neither identity number nor subject is given; the same key with another body is "
                    + "422. Keys are per caller.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = PersonView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input (e.g. a wrong identity number check digit)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Identity number or login subject already registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull RegisterPersonRequest request, @Context UriInfo uri,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "A client-chosen key (1-255 printable ASCII): a "
                    + "retry with the same key and body returns the person the first call registered, never a "
                    + "second one", example = "3b1f0c52-6a4e-4d55-9a0e-2f4c9d1e7a10") String idempotencyKey) {
        IdempotencyKeys.Outcome<Person> outcome = service.register(request.toCommand(), caller.get(), idempotencyKey);
        Person person = outcome.value();
        return Versioned.created(uri.getBaseUriBuilder().path("api/v1/people/{id}").build(person.id()),
                        PersonView.of(person), person.version())
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("**")
    @Operation(operationId = "getPerson", summary = "A person",
            description = "For the person themself (their login is the person's subject), and for administrators, "
                    + "grid workers and service accounts whose registry grants reach the person's home, a current or planned "
                    + "assignment, or the grid of a current party-organisation membership or team place. "
                    + "The identity number is masked.")
    @APIResponse(responseCode = "200", description = "The person",
            content = @Content(schema = @Schema(implementation = PersonView.class)))
    @APIResponse(responseCode = "404", description = "No such person",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Person person = service.get(id, caller.get());
        return Versioned.ok(PersonView.of(person), person.version());
    }

    @GET
    @Path("/{id}/assignments")
    @RolesAllowed("**")
    @Operation(operationId = "listPersonAssignments", summary = "A person's assignments, ended ones included",
            description = "Every assignment the person has held, holds or is to hold, at any node (also outside the "
                    + "caller's registry grants), by start date then id, not paged; personName, phone, nodeName and "
                    + "nodeLevel are null. For whoever may read the person (getPerson); 404 for an unknown person.")
    @APIResponse(responseCode = "200", description = "The full history, oldest first")
    public AssignmentList history(@PathParam("id") UUID id) {
        return new AssignmentList(service.history(id, caller.get()).stream().map(AssignmentView::of).toList());
    }

    @POST
    @Path("/{id}/invitations")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "invitePerson", summary = "Offer a person a role, a membership or a team place",
            description = "How someone outside the caller's area (home, current assignments, memberships and team "
                    + "places all elsewhere) is given one: a direct grant to such a person is refused (403 naming "
                    + "personId). The caller's scope must cover the node, organisation or team offered (403). The "
                    + "person accepts or declines with their own login (GET /api/v1/people/me/invitations); nothing is "
                    + "granted or published until they accept. 404 for an unknown person; 400 naming the field for a "
                    + "missing nodeId/orgId/teamId, a role that does not fit, or a person without a login. Takes "
                    + "Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Invited",
            content = @Content(schema = @Schema(implementation = InvitationDtos.InvitationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such person",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The node is retired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response invite(@PathParam("id") UUID id, @Valid @NotNull InvitationDtos.InviteRequest request,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "A client-chosen key (1-255 printable ASCII): a retry with the same key and "
                    + "body returns the invitation the first call made", example = "3b1f0c52-6a4e-4d55-9a0e-2f4c9d1e7a10")
            String idempotencyKey) {
        IdempotencyKeys.Outcome<Invitation> outcome = invitations.invite(request.toCommand(id), caller.get(),
                idempotencyKey);
        Invitation invitation = outcome.value();
        return Versioned.created(null, InvitationDtos.InvitationView.of(invitation, null), invitation.version())
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }
}
