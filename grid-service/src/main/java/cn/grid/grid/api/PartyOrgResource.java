package cn.grid.grid.api;

import cn.grid.platform.concurrency.Versioned;
import cn.grid.grid.app.PartyOrgService;
import cn.grid.grid.domain.BranchType;
import cn.grid.grid.domain.OrgMembership;
import cn.grid.grid.domain.PartyOrg;
import cn.grid.grid.domain.PartyOrgKind;
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
import jakarta.ws.rs.PATCH;
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

@Path("/api/v1/party-orgs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Party organisations")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or the caller's registry grants do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PartyOrgResource {

    private final PartyOrgService service;
    private final CurrentCaller caller;

    public PartyOrgResource(PartyOrgService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "foundPartyOrg", summary = "Found a party organisation linked to a grid node",
            description = "Kinds nest 党工委 → 党委/党总支 → 党支部 → 党小组 → 党员责任区; a 党支部 names its type "
                    + "(网格党支部, 物业公司党支部, 功能型党组织 ...); the grid node lies inside the parent's. Publishes "
                    + "cn.grid.grid.party-org.created.v1 through the outbox. With an Idempotency-Key, a retry with the "
                    + "same key and body returns the organisation the first call founded (201, Idempotency-Replayed: "
                    + "true) and publishes nothing again, instead of founding a second one as a retry without a key "
                    + "does; the same key with another body is 422. Keys are per caller.")
    @APIResponse(responseCode = "201", description = "Founded",
            content = @Content(schema = @Schema(implementation = PartyOrgDtos.OrgView.class)))
    @APIResponse(responseCode = "400", description = "A kind that cannot sit there, a node outside the parent's ...",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response found(@Valid @NotNull PartyOrgDtos.FoundRequest request,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "A client-chosen key (1-255 printable ASCII): a "
                    + "retry with the same key and body returns the organisation the first call founded, never a "
                    + "second one", example = "3b1f0c52-6a4e-4d55-9a0e-2f4c9d1e7a10") String idempotencyKey) {
        IdempotencyKeys.Outcome<PartyOrg> outcome = service.found(request.toCommand(), caller.get(), idempotencyKey);
        PartyOrg org = outcome.value();
        return Versioned.created(null, PartyOrgDtos.OrgView.of(org), org.version())
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.SERVICE})
    @Operation(operationId = "getPartyOrg", summary = "A party organisation",
            description = "Its kind, branch type, place in the organisation tree (orgPath, root first), the grid node "
                    + "it serves and its status; the ETag (its version) is what renamePartyOrg expects as If-Match. "
                    + "For administrators, grid workers, party members and service accounts whose registry grants reach "
                    + "the node it serves; 404 when it does not exist.")
    @APIResponse(responseCode = "200", description = "The organisation",
            content = @Content(schema = @Schema(implementation = PartyOrgDtos.OrgView.class)))
    @APIResponse(responseCode = "404", description = "No such organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        PartyOrg org = service.get(id, caller.get());
        return Versioned.ok(PartyOrgDtos.OrgView.of(org), org.version());
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "renamePartyOrg", summary = "Rename a party organisation (If-Match required)",
            description = "Sets the name (stripped, at most 200 characters) and publishes the organisation's full "
                    + "state (cn.grid.grid.party-org.changed.v1) through the outbox; the response's ETag is the new "
                    + "version. District and org administrators whose registry grants reach the node the organisation "
                    + "serves; 404 for an unknown organisation, 428 without If-Match, 412 when it names an older "
                    + "version (as a retry with the old ETag does), 409 when the organisation is dissolved.")
    @APIResponse(responseCode = "200", description = "Renamed",
            content = @Content(schema = @Schema(implementation = PartyOrgDtos.OrgView.class)))
    public Response rename(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull PartyOrgDtos.RenameRequest request) {
        PartyOrg org = service.rename(id, IfMatch.version(ifMatch), request.name().strip(), caller.get());
        return Versioned.ok(PartyOrgDtos.OrgView.of(org), org.version());
    }

    @GET
    @Path("/{id}/children")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.SERVICE})
    @Operation(operationId = "listPartyOrgChildren", summary = "The organisations directly under one, keyset paged",
            description = "Dissolved ones included, oldest first. limit is clamped to 1..100 (default 20); pass "
                    + "nextCursor back as cursor until it is absent. For administrators, grid workers, party members "
                    + "and service accounts whose registry grants reach the node the parent serves; 404 for an unknown "
                    + "organisation, 400 for a cursor the API did not issue.")
    @APIResponse(responseCode = "200", description = "One page")
    public CursorPage<PartyOrgDtos.OrgView> children(@PathParam("id") UUID id, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.children(id, PageRequest.of(limit, cursor), caller.get(), PartyOrgDtos.OrgView::of);
    }

    @POST
    @Path("/{id}/members")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "joinPartyOrg", summary = "A person joins, or takes a role (secretary, group leader ...)",
            description = "One secretary at a time; a GROUP_LEADER only in a 党小组. Only a person within the "
                    + "caller's area (home, a current or planned assignment, a current membership or team place "
                    + "there) joins directly; anyone else is refused (403 naming personId, nothing saved) and is "
                    + "invited instead (POST /api/v1/people/{id}/invitations). Publishes "
                    + "cn.grid.grid.party-org.membership-changed.v1 through the outbox. With an Idempotency-Key, a "
                    + "retry with the same key and body returns the membership the first call made (201, "
                    + "Idempotency-Replayed: true) and publishes nothing again, where a retry without a key is refused "
                    + "(409) or, racing the first, could make it twice; the same key with another body is 422. Keys "
                    + "are per caller. "
                    + "Roles: SECRETARY, DEPUTY_SECRETARY, COMMITTEE_MEMBER, GROUP_LEADER or none (a plain member). "
                    + "For district and organisation administrators.")
    @APIResponse(responseCode = "201", description = "Joined",
            content = @Content(schema = @Schema(implementation = PartyOrgDtos.MembershipView.class)))
    @APIResponse(responseCode = "409", description = "Already a member in that role, or the single role is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response join(@PathParam("id") UUID id, @Valid @NotNull PartyOrgDtos.JoinRequest request,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "A client-chosen key (1-255 printable ASCII): a "
                    + "retry with the same key and body returns the membership the first call made, never a "
                    + "second one", example = "3b1f0c52-6a4e-4d55-9a0e-2f4c9d1e7a10") String idempotencyKey) {
        IdempotencyKeys.Outcome<OrgMembership> outcome = service.join(request.toCommand(id), caller.get(),
                idempotencyKey);
        OrgMembership membership = outcome.value();
        return Versioned.created(null, PartyOrgDtos.MembershipView.of(membership), membership.version())
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }

    @POST
    @Path("/{id}/members/{membershipId}/end")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "leavePartyOrg", summary = "End a membership (If-Match required)",
            description = "Ends the membership on endDate (its last day; default today), keeping it as history, and "
                    + "publishes cn.grid.grid.party-org.membership-changed.v1 through the outbox; the body may be {}. "
                    + "District and org administrators whose registry grants reach the node the organisation serves; "
                    + "If-Match is the membership's version (428 without it, 412 when stale), 404 when the membership "
                    + "is not in this organisation, 409 when it has already ended, 400 for an endDate before its "
                    + "start.")
    @APIResponse(responseCode = "200", description = "Ended",
            content = @Content(schema = @Schema(implementation = PartyOrgDtos.MembershipView.class)))
    public Response leave(@PathParam("id") UUID id, @PathParam("membershipId") UUID membershipId,
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull PartyOrgDtos.LeaveRequest request) {
        OrgMembership membership = service.leave(id, membershipId, IfMatch.version(ifMatch), request.endDate(),
                caller.get());
        return Versioned.ok(PartyOrgDtos.MembershipView.of(membership), membership.version());
    }

    @GET
    @Path("/{id}/members")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.SERVICE})
    @Operation(operationId = "listPartyOrgMembers", summary = "Members on a day (default today)",
            description = "Memberships whose tenure includes that day (both ends included), one item per membership, "
                    + "so a person with a role and a plain membership appears twice; the organisation's roll order: "
                    + "SECRETARY, DEPUTY_SECRETARY, COMMITTEE_MEMBER, GROUP_LEADER, MEMBER, each by start date; not "
                    + "paged. Each item's version is the If-Match leavePartyOrg expects. For administrators, grid "
                    + "workers and service accounts whose registry grants reach the node the organisation serves; 404 for "
                    + "an unknown organisation.")
    @APIResponse(responseCode = "200", description = "The roll, secretary first and plain members last")
    public PartyOrgDtos.MembershipList members(@PathParam("id") UUID id, @QueryParam("on") LocalDate on) {
        return new PartyOrgDtos.MembershipList(service.members(id, on, caller.get()).stream()
                .map(PartyOrgDtos.MembershipView::of).toList());
    }

    @GET
    @Path("/counts")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.SERVICE})
    @Operation(operationId = "countPartyOrgs", summary = "Organisations and members of a grid subtree",
            description = "E.g. 南沙街道: 505 grid branches and 10,758 registered members. "
                    + "Organisations per kind and branch type serving the subtree of gridNodeId on a day, their "
                    + "members, and the registered party members. For staff and service accounts.")
    @APIResponse(responseCode = "200", description = "Counts",
            content = @Content(schema = @Schema(implementation = PartyOrgDtos.CountsView.class)))
    public PartyOrgDtos.CountsView counts(@QueryParam("gridNodeId") @NotNull UUID gridNodeId,
            @QueryParam("on") LocalDate on) {
        PartyOrgService.Counts counts = service.counts(gridNodeId, on, caller.get());
        return new PartyOrgDtos.CountsView(gridNodeId, counts.on(), counts.orgsByKind().stream()
                .map(r -> new PartyOrgDtos.KindCount(PartyOrgKind.valueOf((String) r[0]),
                        ((String) r[1]).isEmpty() ? null : BranchType.valueOf((String) r[1]), ((Number) r[2]).longValue()))
                .toList(), counts.members(), counts.registeredMembers());
    }
}
