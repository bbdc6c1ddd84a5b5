package cn.grid.grid.api;

import cn.grid.grid.app.FormTeam;
import cn.grid.grid.app.JoinTeam;
import cn.grid.grid.app.TeamService;
import cn.grid.grid.domain.NodeStatus;
import cn.grid.grid.domain.Team;
import cn.grid.grid.domain.TeamKind;
import cn.grid.grid.domain.TeamMember;
import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.util.List;
import java.util.UUID;

/** Volunteer and service teams (志愿服务队, 宣讲队, 党员突击队, 党群服务队) at a grid node. */
@Path("/api/v1/grids/{nodeId}/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Teams")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or the caller's registry grants do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TeamResource {

    @Schema(name = "FormTeam")
    public record FormRequest(@Schema(examples = "VOLUNTEER_SERVICE") @NotNull TeamKind kind,
            @Schema(examples = "庆相桥社区志愿服务队") @NotBlank @Size(max = 200) String name) {
    }

    @Schema(name = "JoinTeam")
    public record JoinRequest(@NotNull UUID personId, @Schema(description = "Lead the team") boolean leader,
            @Schema(description = "Default: today") LocalDate startDate) {
    }

    @Schema(name = "LeaveTeam")
    public record LeaveRequest(@Schema(description = "Last day; default today") LocalDate endDate) {
    }

    @Schema(name = "Team")
    public record TeamView(UUID id, TeamKind kind, String name, UUID gridNodeId, NodeStatus status, long version) {
        static TeamView of(Team t) {
            return new TeamView(t.id(), t.kind(), t.name(), t.gridNodeId(), t.status(), t.version());
        }
    }

    @Schema(name = "TeamMember")
    public record MemberView(UUID id, UUID personId, String personName, String role, LocalDate startDate,
            LocalDate endDate) {
        static MemberView of(TeamMember m, String personName) {
            return new MemberView(m.id(), m.personId(), personName, m.role(), m.tenure().startDate(),
                    m.tenure().endDate());
        }
    }

    @Schema(name = "TeamMemberList")
    public record MemberList(List<MemberView> items) {
    }

    private final TeamService service;
    private final CurrentCaller caller;

    public TeamResource(TeamService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "formTeam", summary = "Form a team at this node",
            description = "Creates an ACTIVE team without members, linked to the node, and publishes its snapshot "
                    + "(cn.grid.grid.team.changed.v1) through the outbox. District and org administrators whose registry grants reach "
                    + "the node; 404 for an unknown node, 409 when it is retired. With an "
                    + "Idempotency-Key, a retry with the same key and body returns the team the first call formed "
                    + "(201, Idempotency-Replayed: true) and publishes nothing again, instead of forming a second team "
                    + "as a retry without a key does; the same key with another body is 422. Keys are per caller. "
                    + "Kinds: 志愿服务队, 宣讲队, 党员突击队, 党群服务队 (see the kind enum).")
    @APIResponse(responseCode = "201", description = "Formed",
            content = @Content(schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response form(@PathParam("nodeId") UUID nodeId, @Valid @NotNull FormRequest request,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "A client-chosen key (1-255 printable ASCII): a "
                    + "retry with the same key and body returns the team the first call formed, never a second one",
                    example = "3b1f0c52-6a4e-4d55-9a0e-2f4c9d1e7a10") String idempotencyKey) {
        IdempotencyKeys.Outcome<Team> outcome = service.form(
                new FormTeam(nodeId, request.kind(), request.name().strip()), caller.get(), idempotencyKey);
        return Response.status(Response.Status.CREATED).entity(TeamView.of(outcome.value()))
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }

    @GET
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.SERVICE})
    @Operation(operationId = "listTeams", summary = "Teams in the node's subtree, keyset paged",
            description = "Teams linked to the node or any node below it, whatever their status, oldest first. limit "
                    + "is clamped to 1..100 (default 20); pass nextCursor back as cursor until it is absent. For "
                    + "administrators, grid workers, party members and service accounts whose registry grants reach the "
                    + "node; 404 for an unknown node, 400 for a cursor the API did not issue.")
    @APIResponse(responseCode = "200", description = "One page")
    public CursorPage<TeamView> list(@PathParam("nodeId") UUID nodeId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.inSubtree(nodeId, PageRequest.of(limit, cursor), caller.get(), TeamView::of);
    }

    @POST
    @Path("/{teamId}/members")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "joinTeam", summary = "A person joins the team",
            description = "Adds the person as LEADER (leader true) or MEMBER from startDate (default today) with no "
                    + "end, and publishes the team's current snapshot (cn.grid.grid.team.changed.v1) through the "
                    + "outbox; personName is null in the response. District and org administrators whose registry grants reach "
                    + "the team's node, for a person within their area (home, a current or planned assignment, "
                    + "a current membership or team place there; else 403 naming personId: invite them instead); "
                    + "404 when no such team is at this node, 400 for an unknown personId, "
                    + "409 when one of the person's memberships of this team lasts until startDate or later (so a "
                    + "retry without a key is refused) or the team is disbanded. With an Idempotency-Key, a retry with "
                    + "the same key and body returns the membership the first call made (201, Idempotency-Replayed: "
                    + "true) and publishes nothing again, where two racing calls without a key could both join; the "
                    + "same key with another body is 422. Keys are per caller.")
    @APIResponse(responseCode = "201", description = "Joined",
            content = @Content(schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "409", description = "Already in the team",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response join(@PathParam("nodeId") UUID nodeId, @PathParam("teamId") UUID teamId,
            @Valid @NotNull JoinRequest request,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "A client-chosen key (1-255 printable ASCII): a "
                    + "retry with the same key and body returns the membership the first call made, never a "
                    + "second one", example = "3b1f0c52-6a4e-4d55-9a0e-2f4c9d1e7a10") String idempotencyKey) {
        IdempotencyKeys.Outcome<TeamMember> outcome = service.join(new JoinTeam(nodeId, teamId, request.personId(),
                request.leader(), request.startDate()), caller.get(), idempotencyKey);
        return Response.status(Response.Status.CREATED).entity(MemberView.of(outcome.value(), null))
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }

    @POST
    @Path("/{teamId}/members/{memberId}/end")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN})
    @Operation(operationId = "leaveTeam", summary = "A person leaves the team",
            description = "Ends the membership on endDate (its last day; default today), keeping it as history, and "
                    + "publishes the team's current snapshot (cn.grid.grid.team.changed.v1) through the outbox; no "
                    + "If-Match, the body may be {}. District and org administrators whose registry grants reach the "
                    + "team's node; 404 when the team or the membership is not under this path, 409 when the "
                    + "membership has already ended (a retry) or the team is disbanded, 400 for an endDate before its "
                    + "start.")
    @APIResponse(responseCode = "200", description = "Left",
            content = @Content(schema = @Schema(implementation = MemberView.class)))
    public MemberView leave(@PathParam("nodeId") UUID nodeId, @PathParam("teamId") UUID teamId,
            @PathParam("memberId") UUID memberId, @Valid @NotNull LeaveRequest request) {
        return MemberView.of(service.leave(nodeId, teamId, memberId, request.endDate(), caller.get()), null);
    }

    @GET
    @Path("/{teamId}/members")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ORG_ADMIN, Roles.GRID_WORKER, Roles.SERVICE})
    @Operation(operationId = "listTeamMembers", summary = "The team's current members, leaders first",
            description = "Memberships that hold today, each with the person's name: one starting later is not listed "
                    + "yet, one ending today still is; within a role by start date, the whole list (not paged). For "
                    + "administrators, grid workers and service accounts whose registry grants reach the team's node; 404 "
                    + "when the team is not at this node. "
                    + "Leaders first.")
    @APIResponse(responseCode = "200", description = "Members")
    public MemberList members(@PathParam("nodeId") UUID nodeId, @PathParam("teamId") UUID teamId) {
        return new MemberList(service.members(nodeId, teamId, caller.get()).stream()
                .map(m -> MemberView.of(m.member(), m.person().name())).toList());
    }
}
