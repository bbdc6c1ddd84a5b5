package cn.grid.study.api;

import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.concurrency.Versioned;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.study.app.PointsLedgerService;
import cn.grid.study.app.PracticeService;
import cn.grid.study.domain.PointsActivity;
import cn.grid.study.domain.PointsEntry;
import cn.grid.study.domain.PointsRule;
import cn.grid.study.domain.PracticeRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** 积分: the rules, a member's balance and history, an organisation's ranking, and a member's practice (实践). */
@Path("/api/v1/study")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Points and practice")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not the member, nor staff over them",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PointsResource {

    @Schema(name = "PointsRuleChange")
    public record RuleBody(@Schema(examples = "5") @NotNull @Min(0) @Max(1000) Integer points,
            @Schema(examples = "主讲一次微党课/宣讲") @NotBlank @Size(max = 200) String description) {
    }

    @Schema(name = "PointsEntry", description = "A credit, or (negative, with reverses) the reversal of one.")
    public record EntryView(UUID id, PointsActivity activity, int points,
            @Schema(description = "What earned it: the request id (PRACTICE), the session id (ATTENDANCE, LECTURE) …")
            String sourceId, String reason, UUID reverses, OffsetDateTime at) {
        static EntryView of(PointsEntry e) {
            return new EntryView(e.id(), e.activity(), e.points(), e.sourceId(), e.reason(), e.reverses(), e.at());
        }
    }

    @Schema(name = "PointsStatement")
    public record StatementView(UUID personId, long balance, CursorPage<EntryView> entries) {
    }

    @Schema(name = "PointsStanding")
    public record StandingView(int rank, UUID personId, String personName, long balance) {
    }

    @Schema(name = "PracticeRecord", description = "实践: a citizen's ticket the member took, resolved and rated "
            + "satisfied; reversedAt set when it was done again (重办).")
    public record PracticeView(UUID requestId, String requestType, UUID gridNodeId, Integer rating,
            OffsetDateTime creditedAt, OffsetDateTime reversedAt) {
        static PracticeView of(PracticeRecord r) {
            return new PracticeView(r.requestId(), r.requestType(), r.gridNodeId(), r.rating(), r.creditedAt(),
                    r.reversedAt());
        }
    }

    private final PointsLedgerService ledger;
    private final PracticeService practice;
    private final CurrentCaller caller;

    public PointsResource(PointsLedgerService ledger, PracticeService practice, CurrentCaller caller) {
        this.ledger = ledger;
        this.practice = practice;
        this.caller = caller;
    }

    @GET
    @Path("/points/rules")
    @RolesAllowed({Roles.PARTY_MEMBER, Roles.GRID_WORKER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    @Operation(operationId = "listPointsRules", summary = "How many points each activity earns",
            description = "Every rule (ATTENDANCE, BOOK_FINISHED, LECTURE, PRACTICE, REFLECTION), by activity, with "
                    + "its points, description and version, the version being what changePointsRule needs in If-Match. "
                    + "Readable by party-member, grid-worker, org-admin, district-admin and service tokens without a "
                    + "scope check; a changed rule only applies to credits made after the change.")
    @APIResponse(responseCode = "200", description = "Every rule",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PointsRule.class)))
    public List<PointsRule> rules() {
        return ledger.rules();
    }

    @PUT
    @Path("/points/rules/{activity}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(operationId = "changePointsRule", summary = "Change a rule (from now on; past entries stay)",
            description = "District administrators only. points 0..1000 and a description; If-Match with the "
                    + "rule's version (its `version` field) is required (428 without, 412 when stale). Applies to "
                    + "credits made from now on.")
    @APIResponse(responseCode = "200", description = "Changed; ETag carries the new version",
            content = @Content(schema = @Schema(implementation = PointsRule.class)))
    public Response changeRule(@PathParam("activity") PointsActivity activity, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RuleBody body) {
        PointsRule changed = ledger.changeRule(activity, body.points(), body.description(), IfMatch.version(ifMatch));
        return Versioned.ok(changed, changed.version());
    }

    @GET
    @Path("/members/{personId}/points")
    @RolesAllowed({Roles.PARTY_MEMBER, Roles.GRID_WORKER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    @Operation(operationId = "memberPoints", summary = "A member's balance and entries, newest first",
            description = "The balance sums every entry under the person's id or any login subject grid events gave "
                    + "them; the entries are credits and reversals (negative points, reverses naming the credit), "
                    + "keyset-paged by limit (1..100, default 20) and entries.nextCursor. Readable by the member "
                    + "themselves and by org-admin, district-admin or service tokens whose registry grants reach an "
                    + "organisation they belong or belonged to (unbound: every member); grid workers read only their "
                    + "own. An unknown personId is not a 404: balance 0 for an unbound district-admin or service "
                    + "token, 403 for others.")
    @APIResponse(responseCode = "200", description = "The balance and a page of entries",
            content = @Content(schema = @Schema(implementation = StatementView.class)))
    public StatementView points(@PathParam("personId") UUID personId,
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        PointsLedgerService.Statement statement = ledger.statement(personId, PageRequest.of(limit, cursor), caller.get());
        CursorPage<PointsEntry> page = statement.entries();
        return new StatementView(personId, statement.balance(),
                new CursorPage<>(page.items().stream().map(EntryView::of).toList(), page.nextCursor()));
    }

    @GET
    @Path("/points/ranking")
    @RolesAllowed({Roles.PARTY_MEMBER, Roles.GRID_WORKER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    @Operation(operationId = "pointsRanking", summary = "积分排名 of an organisation's current members",
            description = "The current members of this organisation itself (not of those below it) by all-time "
                    + "balance, highest first (ties by name), ranked 1..n and at most limit (1..500, default 100). "
                    + "Readable by org-admin, district-admin or service tokens whose registry grants reach the "
                    + "organisation, and by its current members, wherever they rank (403 otherwise); 404 for an "
                    + "unknown organisation.")
    @APIResponse(responseCode = "200", description = "The members by balance, highest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = StandingView.class)))
    public List<StandingView> ranking(@QueryParam("orgId") @NotNull UUID orgId,
            @QueryParam("limit") @Min(1) @Max(500) Integer limit) {
        var standings = ledger.ranking(orgId, limit == null ? 100 : limit, caller.get());
        return java.util.stream.IntStream.range(0, standings.size()).mapToObj(i -> new StandingView(i + 1,
                standings.get(i).personId(), standings.get(i).personName(), standings.get(i).balance())).toList();
    }

    @GET
    @Path("/members/{personId}/practice")
    @RolesAllowed({Roles.PARTY_MEMBER, Roles.GRID_WORKER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    @Operation(operationId = "memberPractice", summary = "实践: tickets the member took and citizens rated satisfied",
            description = "Practice credited from request-service's events: each ticket the member signed for that a "
                    + "citizen rated satisfied, with the rating; reversedAt is set once it was reopened or rated "
                    + "dissatisfied (the PRACTICE points are then taken back) and cleared when it is rated satisfied "
                    + "again. The newest 200 by creditedAt, not paged; readable as memberPoints (the member, or "
                    + "org-admin, district-admin or service over one of their organisations).")
    @APIResponse(responseCode = "200", description = "The member's practice, newest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PracticeView.class)))
    public List<PracticeView> practice(@PathParam("personId") UUID personId) {
        return practice.of(personId, caller.get()).stream().map(PracticeView::of).toList();
    }
}
