package cn.grid.study.api;

import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.concurrency.Versioned;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.study.app.ReflectionService;
import cn.grid.study.domain.Reflection;
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

import java.util.UUID;

@Path("/api/v1/study/reflections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reflections (观后感/心得)")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role, membership or registry grants do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReflectionResource {

    private final ReflectionService service;
    private final CurrentCaller caller;

    public ReflectionResource(ReflectionService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTY_MEMBER)
    @Operation(operationId = "submitReflection", summary = "A member writes a reflection (SUBMITTED)",
            description = "By a party member, on one session or one material, at most 5000 characters. One per "
                    + "member and session or material (409 for a second), so a retry makes no second one and no "
                    + "Idempotency-Key is taken. Publishes cn.grid.study.reflection.submitted.v1 (for the reviewers).")
    @APIResponse(responseCode = "201", description = "Submitted; ETag carries its version",
            content = @Content(schema = @Schema(implementation = ReflectionBodies.View.class)))
    @APIResponse(responseCode = "400", description = "Invalid input, unknown session or material",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already wrote one on it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@Valid @NotNull ReflectionBodies.Submit body, @Context UriInfo uri) {
        Reflection reflection = service.submit(body.toCommand(), caller.get());
        return Versioned.created(uri.getBaseUriBuilder().path("api/v1/study/reflections/{id}").build(reflection.id()),
                ReflectionBodies.View.of(reflection), reflection.version()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "getReflection", summary = "A reflection (its author, administrators over them)",
            description = "Readable by its author (token subject) and by org-admins or district-admins whose registry grants reach "
                    + "the organisation it was written for; anyone else gets 403. Carries the text, the "
                    + "state (SUBMITTED, APPROVED or RETURNED) and the last review's note, reviewer and time; the ETag "
                    + "is the version approve, return and resubmit need in If-Match.")
    @APIResponse(responseCode = "200", description = "The reflection; ETag carries its version",
            content = @Content(schema = @Schema(implementation = ReflectionBodies.View.class)))
    @APIResponse(responseCode = "404", description = "No such reflection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        return current(service.get(id, caller.get()));
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "approveReflection", summary = "SUBMITTED → APPROVED (optional note)",
            description = "By an org-admin or district-admin whose registry grants reach the reflection's organisation, "
                    + "never its author (403), with If-Match (428 without, 412 when stale). Only a SUBMITTED "
                    + "reflection (409 naming its state otherwise); APPROVED is final. Stores the optional note (at "
                    + "most 1000 characters), credits the author REFLECTION points once "
                    + "(cn.grid.study.points.awarded.v1) and publishes cn.grid.study.reflection.reviewed.v1.")
    @APIResponse(responseCode = "200", description = "Approved",
            content = @Content(schema = @Schema(implementation = ReflectionBodies.View.class)))
    @APIResponse(responseCode = "409", description = "Not waiting for review (the detail names its state)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response approve(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid ReflectionBodies.Note body) {
        return current(service.approve(id, IfMatch.version(ifMatch),
                body == null ? null : MaterialBody.blankToNull(body.note()), caller.get()));
    }

    @POST
    @Path("/{id}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "returnReflection", summary = "SUBMITTED → RETURNED, with what to improve",
            description = "By an org-admin or district-admin whose registry grants reach the reflection's organisation, "
                    + "never its author (403), with If-Match (428 without, 412 when stale). Only a SUBMITTED "
                    + "reflection (409 naming its state otherwise): it becomes RETURNED with the note, which is "
                    + "required (400 when missing or blank; at most 1000 characters), and "
                    + "cn.grid.study.reflection.reviewed.v1 is published, without points; the author may then revise "
                    + "and resubmit it.")
    @APIResponse(responseCode = "200", description = "Returned to the member",
            content = @Content(schema = @Schema(implementation = ReflectionBodies.View.class)))
    @APIResponse(responseCode = "400", description = "No note",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not waiting for review (the detail names its state)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response giveBack(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ReflectionBodies.Note body) {
        return current(service.giveBack(id, IfMatch.version(ifMatch), MaterialBody.blankToNull(body.note()),
                caller.get()));
    }

    @POST
    @Path("/{id}/resubmit")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTY_MEMBER)
    @Operation(operationId = "resubmitReflection", summary = "The author revises a returned reflection: "
            + "RETURNED → SUBMITTED",
            description = "Only the author (token subject), only from RETURNED (409 naming the state otherwise), with "
                    + "If-Match (428 without, 412 when stale). The new text (1..5000 characters) replaces the old and "
                    + "the reflection is SUBMITTED again for review; the last review note stays for reference. "
                    + "Publishes cn.grid.study.reflection.submitted.v1 again (for the reviewers).")
    @APIResponse(responseCode = "200", description = "Resubmitted",
            content = @Content(schema = @Schema(implementation = ReflectionBodies.View.class)))
    @APIResponse(responseCode = "409", description = "Not returned (the detail names its state)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response resubmit(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ReflectionBodies.Resubmit body) {
        return current(service.resubmit(id, IfMatch.version(ifMatch), body.text(), caller.get()));
    }

    @GET
    @RolesAllowed({Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "listReflections", summary = "Reflections, newest first",
            description = "Narrow by orgId (its subtree), sessionId, materialId or memberSubject. Members see "
                    + "only their own; administrators what their registry grants reach. Keyset paging via nextCursor.")
    @APIResponse(responseCode = "200", description = "One page")
    public CursorPage<ReflectionBodies.View> list(@QueryParam("orgId") UUID orgId,
            @QueryParam("sessionId") UUID sessionId, @QueryParam("materialId") UUID materialId,
            @QueryParam("memberSubject") String memberSubject,
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.list(orgId, sessionId, materialId, memberSubject, PageRequest.of(limit, cursor), caller.get(),
                ReflectionBodies.View::of);
    }

    private static Response current(Reflection reflection) {
        return Versioned.ok(ReflectionBodies.View.of(reflection), reflection.version());
    }
}
