package cn.grid.study.api;

import cn.grid.platform.concurrency.Versioned;
import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.study.app.StudySessionService;
import cn.grid.study.domain.StudySession;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/study/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Study sessions")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or the caller's registry grants do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class StudySessionResource {

    private final StudySessionService service;
    private final CurrentCaller caller;

    public StudySessionResource(StudySessionService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.GRID_WORKER})
    @Operation(operationId = "recordStudySession", summary = "Record a study session",
            description = "By a grid-worker, org-admin or district-admin whose registry grants reach gridNodeId, a node "
                    + "known from grid events (400 when unknown, 409 when retired). Optional: orgId (the organisation "
                    + "that held it), speakerSubject (the speaker's login, credited LECTURE points: 人人上讲台), "
                    + "materialIds (catalogue materials used: the film shown, the book read) and nonMemberAudience "
                    + "(群众 who came). MICRO_LECTURE and LECTURE_TOUR "
                    + "need speaker, startsAt is at most a year ahead, and orgId and materialIds must be known (400 "
                    + "otherwise). Publishes cn.grid.study.session.recorded.v1 and, with a speakerSubject, credits "
                    + "that login LECTURE points once for the session (cn.grid.study.points.awarded.v1). Without an "
                    + "Idempotency-Key each call records another session; with one, a retry by the same caller with "
                    + "the same key and body (materialIds in any order) returns the session the first call recorded, "
                    + "with Idempotency-Replayed: true, and publishes and credits nothing again, even when the "
                    + "retries race; the key with another body is a 422.")
    @APIResponse(responseCode = "201", description = "Recorded, or the earlier session (Idempotency-Replayed: true)",
            content = @Content(schema = @Schema(implementation = StudySessionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(@Valid @NotNull RecordSessionBody body, @Context UriInfo uri,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "A client-chosen key (1-255 printable ASCII): a "
                    + "retry with the same key and body returns the session the first call recorded, never a second "
                    + "one", example = "3b1f0c52-6a4e-4d55-9a0e-2f4c9d1e7a10") String idempotencyKey) {
        IdempotencyKeys.Outcome<StudySession> outcome = service.record(body.toCommand(), caller.get(), idempotencyKey);
        StudySession session = outcome.value();
        return Versioned.created(uri.getBaseUriBuilder().path("api/v1/study/sessions/{id}").build(session.id()),
                        StudySessionView.of(session, service.materialsOf(session.id())),
                        session.version())
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.SERVICE})
    @Operation(operationId = "getStudySession", summary = "A study session",
            description = "The session with the catalogue materials it used (materialIds); the ETag is its version. "
                    + "Readable when the caller's registry grants reach the session's grid node, unbound tokens only for "
                    + "district-admin and service: party members and grid workers need a token bound to that node or "
                    + "one above it (403 otherwise).")
    @APIResponse(responseCode = "200", description = "The session; ETag carries its version",
            content = @Content(schema = @Schema(implementation = StudySessionView.class)))
    @APIResponse(responseCode = "404", description = "No such session",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        StudySession session = service.get(id, caller.get());
        return Versioned.ok(StudySessionView.of(session, service.materialsOf(id)), session.version());
    }

    @GET
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.SERVICE})
    @Operation(operationId = "listStudySessions", summary = "Sessions held in a node's subtree, newest first",
            description = "For grid-worker, org-admin, district-admin, party-member and service tokens whose "
                    + "registry grants reach gridNodeId (403 otherwise). Keyset paging via nextCursor.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "gridNodeId missing or unknown",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CursorPage<StudySessionView> list(@QueryParam("gridNodeId") @NotNull UUID gridNodeId,
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.list(gridNodeId, PageRequest.of(limit, cursor), caller.get(), StudySessionView::of);
    }
}
