package cn.grid.study.api;

import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.concurrency.Versioned;
import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.study.app.MaterialService;
import cn.grid.study.domain.MaterialKind;
import cn.grid.study.domain.StudyMaterial;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/study/materials")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Study materials")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role or the caller's registry grants do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MaterialResource {

    private final MaterialService service;
    private final CurrentCaller caller;

    public MaterialResource(MaterialService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "createMaterial", summary = "Add a book, film, micro-lecture or article to the catalogue",
            description = "By an org-admin or district-admin: a BOOK, FILM (教育片), MICRO_LECTURE (微党课; offered and "
                    + "speakerSubject put it on the 点单 menu) or ARTICLE. "
                    + "The entry belongs to the grid the editor's token is bound to: administrators over that "
                    + "grid edit it. Without an Idempotency-Key each call adds another entry; with one, a retry by "
                    + "the same caller with the same key and body (tags in any order) returns the entry the first "
                    + "call added, with Idempotency-Replayed: true; the key with another body is a 422.")
    @APIResponse(responseCode = "201", description = "Added, or the earlier entry (Idempotency-Replayed: true); ETag "
            + "carries its version",
            content = @Content(schema = @Schema(implementation = MaterialView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull MaterialBody body, @Context UriInfo uri,
            @HeaderParam(IdempotencyKeys.HEADER)
            @Parameter(description = "A client-chosen key (1-255 printable ASCII): a "
                    + "retry with the same key and body returns the entry the first call added, never a second one",
                    example = "3b1f0c52-6a4e-4d55-9a0e-2f4c9d1e7a10") String idempotencyKey) {
        IdempotencyKeys.Outcome<StudyMaterial> outcome = service.create(body.toContent(), caller.get(),
                idempotencyKey);
        StudyMaterial material = outcome.value();
        return Versioned.created(uri.getBaseUriBuilder().path("api/v1/study/materials/{id}").build(material.id()),
                        MaterialView.of(material), material.version())
                .header(IdempotencyKeys.REPLAYED, outcome.replayedHeader())
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CITIZEN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN,
            Roles.SERVICE})
    @Operation(operationId = "getMaterial", summary = "A catalogue entry",
            description = "Every role (citizen, grid-worker, party-member, org-admin, district-admin, service) reads "
                    + "every entry: the catalogue is not limited by the caller's grants. The ETag is the version replaceMaterial "
                    + "needs in If-Match; 404 when no entry has this id.")
    @APIResponse(responseCode = "200", description = "The entry; ETag carries its version",
            content = @Content(schema = @Schema(implementation = MaterialView.class)))
    @APIResponse(responseCode = "404", description = "No such entry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        StudyMaterial material = service.get(id);
        return Versioned.ok(MaterialView.of(material), material.version());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "replaceMaterial", summary = "Replace a catalogue entry (If-Match required)",
            description = "Replaces everything an editor sets (kind, title, author, speakerSubject, offered, "
                    + "durationMinutes, tags, description, url); id, owner grid, createdBy and createdAt stay. Only "
                    + "org-admins and district-admins whose registry grants reach the grid the entry was created under (an "
                    + "entry made by an unbound district administrator: only unbound ones). 400 when offered or "
                    + "speakerSubject is set on anything but a MICRO_LECTURE, or an offered one lacks speakerSubject "
                    + "or author; orders already placed keep the speaker they were placed with.")
    @APIResponse(responseCode = "200", description = "Replaced; ETag carries the new version",
            content = @Content(schema = @Schema(implementation = MaterialView.class)))
    @APIResponse(responseCode = "404", description = "No such entry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull MaterialBody body) {
        StudyMaterial material = service.replace(id, IfMatch.version(ifMatch), body.toContent(), caller.get());
        return Versioned.ok(MaterialView.of(material), material.version());
    }

    @GET
    @RolesAllowed({Roles.CITIZEN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN,
            Roles.SERVICE})
    @Operation(operationId = "listMaterials", summary = "The catalogue, newest first",
            description = "Every role reads the whole catalogue. Filters (kind, tag, the text q, offered) combine; "
                    + "`kind=MICRO_LECTURE&offered=true` is the 点单 menu. Keyset paging via "
                    + "nextCursor.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "Unknown kind or foreign cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CursorPage<MaterialView> list(@QueryParam("kind") MaterialKind kind,
            @QueryParam("tag") @Schema(examples = "乡村振兴") String tag,
            @QueryParam("q") @Schema(description = "text in the title or author", examples = "党史") String q,
            @QueryParam("offered") Boolean offered,
            @QueryParam("limit") @Schema(description = "1..100, default 20") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.search(kind, tag, q, offered, PageRequest.of(limit, cursor), MaterialView::of);
    }
}
