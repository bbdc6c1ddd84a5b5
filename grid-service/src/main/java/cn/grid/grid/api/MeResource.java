package cn.grid.grid.api;

import cn.grid.grid.app.InvitationService;
import cn.grid.grid.app.MyWorkService;
import cn.grid.grid.app.OwnRecordService;
import cn.grid.grid.app.RegistrationService;
import cn.grid.grid.domain.Invitation;
import cn.grid.grid.domain.RegistrationRequest;
import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.concurrency.Versioned;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.work.WorkList;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * The caller's own side of the registry: their record, their registrations, their invitations and grid-service's
 * part of their work list. Any signed-in caller; the login's person ({@code person.subject} = {@code sub}) is "me".
 */
@Path("/api/v1/people/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
@SecurityRequirement(name = "jwt")
@RolesAllowed("**")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MeResource {

    private final OwnRecordService records;
    private final RegistrationService registrations;
    private final InvitationService invitations;
    private final MyWorkService work;
    private final CurrentCaller caller;

    public MeResource(OwnRecordService records, RegistrationService registrations, InvitationService invitations,
            MyWorkService work, CurrentCaller caller) {
        this.records = records;
        this.registrations = registrations;
        this.invitations = invitations;
        this.work = work;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "getMyPerson", summary = "The caller's own record",
            description = "The person linked to the caller's login, with phone and address whole (the identity "
                    + "number masked), home node, every role per node with dates (ended ones included), party "
                    + "organisations with role and dates, and teams. 404 when the login is linked to no person.")
    @APIResponse(responseCode = "200", description = "The record",
            content = @Content(schema = @Schema(implementation = MeView.class)))
    @APIResponse(responseCode = "404", description = "The login is linked to no person",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MeView me() {
        return MeView.of(records.of(caller.get()));
    }

    @GET
    @Path("/registrations")
    @Operation(operationId = "listMyRegistrations", summary = "The caller's residence registrations and requests",
            description = "Every registration request the caller made (status, reason of a rejection), newest "
                    + "first, and their PARTY_MEMBER assignments, ended ones included. 404 when the login is linked "
                    + "to no person.")
    @APIResponse(responseCode = "200", description = "The history",
            content = @Content(schema = @Schema(implementation = RegistrationDtos.MyRegistrationsView.class)))
    @APIResponse(responseCode = "404", description = "The login is linked to no person",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RegistrationDtos.MyRegistrationsView myRegistrations() {
        return RegistrationDtos.MyRegistrationsView.of(registrations.history(caller.get()));
    }

    @POST
    @Path("/registrations/{requestId}/withdraw")
    @Consumes(MediaType.WILDCARD) // no body: a client need not send a Content-Type
    @Operation(operationId = "withdrawMyRegistration", summary = "Withdraw one's own pending registration request",
            description = "Requires If-Match (428 without, 412 when stale); 409 when it was decided already; 404 for "
                    + "another person's request. Publishes cn.grid.grid.registration.reviewed.v1 (WITHDRAWN), so its "
                    + "reviewers stop waiting for it.")
    @APIResponse(responseCode = "200", description = "Withdrawn",
            content = @Content(schema = @Schema(implementation = RegistrationDtos.RegistrationView.class)))
    @APIResponse(responseCode = "404", description = "No such request of the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already decided",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response withdraw(@PathParam("requestId") UUID requestId, @HeaderParam("If-Match") String ifMatch) {
        RegistrationRequest withdrawn = registrations.withdraw(requestId, IfMatch.version(ifMatch), caller.get());
        return Versioned.ok(RegistrationDtos.RegistrationView.of(withdrawn, null, null), withdrawn.version());
    }

    @GET
    @Path("/invitations")
    @Operation(operationId = "listMyInvitations", summary = "Invitations to the caller, newest first",
            description = "Roles, memberships and team places offered to the caller, answered ones included. 404 "
                    + "when the login is linked to no person.")
    @APIResponse(responseCode = "200", description = "The invitations",
            content = @Content(schema = @Schema(implementation = InvitationDtos.InvitationList.class)))
    @APIResponse(responseCode = "404", description = "The login is linked to no person",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public InvitationDtos.InvitationList myInvitations() {
        return new InvitationDtos.InvitationList(invitations.mine(caller.get()).stream()
                .map(InvitationDtos.InvitationView::of).toList());
    }

    @POST
    @Path("/invitations/{invitationId}/accept")
    @Consumes(MediaType.WILDCARD) // no body: a client need not send a Content-Type
    @Operation(operationId = "acceptInvitation", summary = "Accept an invitation: the grant is made now",
            description = "Starts the assignment, membership or team place offered, publishing its usual event "
                    + "through the outbox in the same transaction. Requires If-Match (428 without, 412 when stale); "
                    + "409 when already answered or when the grant would overlap one the caller holds.")
    @APIResponse(responseCode = "200", description = "Accepted; grantId names what was made",
            content = @Content(schema = @Schema(implementation = InvitationDtos.InvitationView.class)))
    @APIResponse(responseCode = "404", description = "No such invitation to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already answered, or overlaps",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response accept(@PathParam("invitationId") UUID invitationId, @HeaderParam("If-Match") String ifMatch) {
        Invitation accepted = invitations.accept(invitationId, IfMatch.version(ifMatch), caller.get());
        return Versioned.ok(InvitationDtos.InvitationView.of(accepted, null), accepted.version());
    }

    @POST
    @Path("/invitations/{invitationId}/decline")
    @Consumes(MediaType.WILDCARD) // no body: a client need not send a Content-Type
    @Operation(operationId = "declineInvitation", summary = "Decline an invitation",
            description = "Nothing is granted and nothing published. If-Match as for accepting; 409 when already "
                    + "answered.")
    @APIResponse(responseCode = "200", description = "Declined",
            content = @Content(schema = @Schema(implementation = InvitationDtos.InvitationView.class)))
    @APIResponse(responseCode = "404", description = "No such invitation to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already answered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response decline(@PathParam("invitationId") UUID invitationId, @HeaderParam("If-Match") String ifMatch) {
        Invitation declined = invitations.decline(invitationId, IfMatch.version(ifMatch), caller.get());
        return Versioned.ok(InvitationDtos.InvitationView.of(declined, null), declined.version());
    }

    @GET
    @Path("/work")
    @Operation(operationId = "myGridWork", summary = "grid-service's part of the caller's work list",
            description = "REGISTRATION_TO_REVIEW: pending registration requests the caller may decide (oldest "
                    + "first; href = the approve endpoint); INVITATION_TO_ANSWER: invitations waiting for the "
                    + "caller (href = the accept endpoint). At most 20 of each kind; counts are complete. A login "
                    + "linked to no person gets what its token's roles review, else an empty list.")
    @APIResponse(responseCode = "200", description = "The work list part",
            content = @Content(schema = @Schema(implementation = WorkList.class)))
    public WorkList myWork() {
        return work.of(caller.get());
    }
}
