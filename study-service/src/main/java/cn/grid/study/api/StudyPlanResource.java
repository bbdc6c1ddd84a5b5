package cn.grid.study.api;

import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.concurrency.Versioned;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.study.app.StudyPlanService;
import cn.grid.study.domain.ReadingProgress;
import cn.grid.study.domain.StudyPlan;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/study/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Study plans")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or the caller's registry grants do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class StudyPlanResource {

    private final StudyPlanService service;
    private final CurrentCaller caller;

    public StudyPlanResource(StudyPlanService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "createStudyPlan", summary = "Plan a party organisation's year of study",
            description = "By an org-admin or district-admin whose registry grants reach the organisation's grid: "
                    + "its key topics (重点题目), required books and targets for a year. One plan per organisation "
                    + "and year (409 for a second), so a retry of a plan that was created is a 409, not a second "
                    + "plan, and no Idempotency-Key is taken.")
    @APIResponse(responseCode = "201", description = "Created; ETag carries its version",
            content = @Content(schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input, unknown organisation or book",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The organisation already has a plan for that year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull PlanBody body, @Context UriInfo uri) {
        StudyPlan plan = service.create(body.orgId(), body.year(), body.toContent(), caller.get());
        return Versioned.created(uri.getBaseUriBuilder().path("api/v1/study/plans/{id}").build(plan.id()),
                PlanView.of(plan), plan.version()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "getStudyPlan", summary = "A study plan (administrators over it, its members)",
            description = "Readable by org-admins and district-admins whose registry grants reach the plan's organisation "
                    + "and by that organisation's current members (by token subject, memberships from grid events); "
                    + "anyone else gets 403. The ETag is the version replaceStudyPlan needs in If-Match.")
    @APIResponse(responseCode = "200", description = "The plan; ETag carries its version",
            content = @Content(schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "404", description = "No such plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        StudyPlan plan = service.get(id, caller.get());
        return Versioned.ok(PlanView.of(plan), plan.version());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "replaceStudyPlan", summary = "Replace a plan's topics, books and targets (If-Match)",
            description = "Title, topics, required books and targets are replaced as a whole; orgId and year must "
                    + "repeat the plan's (400 otherwise: another year is another plan). Only org-admin or "
                    + "district-admin whose registry grants reach the plan's organisation; bookIds must be distinct "
                    + "catalogue entries of kind BOOK (400 otherwise).")
    @APIResponse(responseCode = "200", description = "Replaced; ETag carries the new version",
            content = @Content(schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "404", description = "No such plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull PlanBody body) {
        StudyPlan plan = service.replace(id, IfMatch.version(ifMatch), body.orgId(), body.year(), body.toContent(),
                caller.get());
        return Versioned.ok(PlanView.of(plan), plan.version());
    }

    @GET
    @RolesAllowed({Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "listStudyPlans", summary = "Plans of an organisation (and, for administrators, "
            + "the organisations below it), newest first",
            description = "orgId is required (400 without, 404 when unknown). An org-admin or district-admin whose registry grants reach "
                    + "the organisation gets its plans and those of the organisations below it, a "
                    + "current member of the organisation only its own plans, anyone else 403. Optional year filter; "
                    + "keyset paging by limit (1..100, default 20) and nextCursor.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "orgId missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CursorPage<PlanView> list(@QueryParam("orgId") @NotNull UUID orgId, @QueryParam("year") Integer year,
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.list(orgId, year, PageRequest.of(limit, cursor), caller.get(), PlanView::of);
    }

    @PUT
    @Path("/{id}/reading/{materialId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTY_MEMBER)
    @Operation(operationId = "reportReading", summary = "Report my reading of one of the plan's required books",
            description = "A member of the plan's organisation, for themselves: pagesRead or percent, and "
                    + "finished. The latest report stands.")
    @APIResponse(responseCode = "200", description = "Stored",
            content = @Content(schema = @Schema(implementation = ReadingView.Progress.class)))
    @APIResponse(responseCode = "400", description = "Neither pages, percent nor finished",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such plan, or the book is not one it requires",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReadingView.Progress report(@PathParam("id") UUID id, @PathParam("materialId") UUID materialId,
            @Valid @NotNull ReadingBody body) {
        ReadingProgress p = service.report(id, materialId, body.pagesRead(), body.percent(),
                Boolean.TRUE.equals(body.finished()), caller.get());
        return new ReadingView.Progress(p.planId(), p.materialId(), p.memberSubject(), p.pagesRead(), p.percent(),
                p.finished(), p.updatedAt());
    }

    @GET
    @Path("/{id}/reading")
    @RolesAllowed({Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "getReadingProgress", summary = "Each member's reading of the plan's books",
            description = "Administrators over the organisation: every current member, also those who reported "
                    + "nothing. A member: their own. Not paged: one organisation's members fit in one answer.")
    @APIResponse(responseCode = "200", description = "Per member")
    @APIResponse(responseCode = "404", description = "No such plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ReadingView> reading(@PathParam("id") UUID id) {
        return service.reading(id, caller.get()).stream().map(ReadingView::of).toList();
    }
}
