package cn.grid.request.api;

import cn.grid.platform.concurrency.Versioned;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.Roles;
import cn.grid.request.app.CategoryCatalogueService;
import cn.grid.request.domain.CategoryField;
import cn.grid.request.domain.FieldType;
import cn.grid.request.domain.HandlingLevel;
import cn.grid.request.domain.RequestCategory;
import cn.grid.request.domain.RequestType;
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

import java.time.Duration;
import java.util.List;

/** The category catalogue (分类目录): what citizens can ask for, with time limits and extra fields. */
@Path("/api/v1/request-categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Request categories")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RequestCategoryResource {

    @Schema(name = "CategorySla", description = "Time limits in minutes: 受理/首次响应 from submission, 签收 from "
            + "each dispatch, 办结 from submission (afresh after 重办).")
    public record SlaBody(@Schema(examples = "60") @NotNull @Min(1) @Max(525600) Integer respondWithinMinutes,
            @Schema(examples = "120") @NotNull @Min(1) @Max(525600) Integer signWithinMinutes,
            @Schema(examples = "1440") @NotNull @Min(1) @Max(525600) Integer resolveWithinMinutes) {
    }

    @Schema(name = "CategoryFieldValue")
    public record ValueBody(@Schema(examples = "yes") @NotBlank @Size(max = 40) String key,
            @Schema(examples = "已停水") @NotBlank @Size(max = 100) String name) {
    }

    @Schema(name = "CategoryField", description = "An extra field the category asks for; list types name their values.")
    public record FieldBody(@Schema(examples = "water_cut") @NotBlank @Size(max = 40) String code,
            @Schema(examples = "是否停水") @NotBlank @Size(max = 100) String name,
            @Schema(examples = "SINGLE_VALUE_LIST") @NotNull FieldType datatype, boolean required,
            @Size(max = 100) List<@Valid @NotNull ValueBody> values, int order) {
    }

    @Schema(name = "Category", description = "A category of the catalogue; its code is also the Open311 service_code.")
    public record CategoryView(String code, String name, String description, RequestType type,
            @Schema(description = "The level that answers for it by default: a ticket routed below it goes to the "
                    + "ancestor at this level") HandlingLevel handlingLevel,
            SlaBody sla, @Schema(description = "Overdue tickets climb one level up the tree on their own")
            boolean autoEscalate, List<FieldBody> fields, String group, boolean active, long version) {

        static CategoryView of(RequestCategory c) {
            return new CategoryView(c.code(), c.name(), c.description(), c.type(), c.handlingLevel(),
                    new SlaBody((int) c.sla().respondWithin().toMinutes(), (int) c.sla().signWithin().toMinutes(),
                            (int) c.sla().resolveWithin().toMinutes()),
                    c.autoEscalate(), c.fields().stream().map(f -> new FieldBody(f.code(), f.name(), f.datatype(),
                            f.required(), f.values().stream().map(v -> new ValueBody(v.key(), v.name())).toList(),
                            f.order())).toList(),
                    c.group(), c.active(), c.version());
        }
    }

    @Schema(name = "CategoryChange")
    public record CategoryBody(@Schema(examples = "供水管道破裂") @NotBlank @Size(max = 100) String name,
            @Size(max = 1000) String description, @Schema(examples = "PROBLEM_REPORT") @NotNull RequestType type,
            @Schema(examples = "GRID") @NotNull HandlingLevel handlingLevel, @Valid @NotNull SlaBody sla,
            Boolean autoEscalate, @Size(max = 30) List<@Valid @NotNull FieldBody> fields,
            @Size(max = 100) String group, Boolean active) {

        RequestCategory toCategory(String code) {
            return new RequestCategory(code, name.strip(), description, type, handlingLevel,
                    new RequestCategory.Sla(Duration.ofMinutes(sla.respondWithinMinutes()),
                            Duration.ofMinutes(sla.signWithinMinutes()), Duration.ofMinutes(sla.resolveWithinMinutes())),
                    autoEscalate == null || autoEscalate,
                    fields == null ? List.of() : fields.stream().map(f -> new CategoryField(f.code(), f.name(),
                            f.datatype(), f.required(), f.values() == null ? null : f.values().stream()
                                    .map(v -> new CategoryField.Value(v.key(), v.name())).toList(), f.order())).toList(),
                    group, active == null || active, 0);
        }
    }

    private final CategoryCatalogueService service;

    public RequestCategoryResource(CategoryCatalogueService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({Roles.CITIZEN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN,
            Roles.SERVICE})
    @Operation(operationId = "listRequestCategories", summary = "The category catalogue",
            description = "Any role of the suite may read it, citizens included. Active categories in code order; "
                    + "includeInactive=true adds retired ones. Each has its type, handlingLevel (GRID, COMMUNITY, "
                    + "STREET or DISTRICT: the level that answers for its tickets), sla (minutes to answer, to sign "
                    + "from each dispatch, to resolve), autoEscalate, group, the extra fields it asks for (Open311 "
                    + "datatypes STRING, NUMBER, DATETIME, TEXT, SINGLE_VALUE_LIST, MULTI_VALUE_LIST, list types with "
                    + "their values) and its version.")
    @APIResponse(responseCode = "200", description = "The catalogue")
    public List<CategoryView> list(@QueryParam("includeInactive") boolean includeInactive) {
        return service.list(includeInactive).stream().map(CategoryView::of).toList();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({Roles.CITIZEN, Roles.GRID_WORKER, Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN,
            Roles.SERVICE})
    @Operation(operationId = "getRequestCategory", summary = "One category",
            description = "Any role of the suite may read it, citizens included, whether active or retired; 404 for "
                    + "an unknown code. Returns its type, handling level, time limits, auto-escalation flag and extra "
                    + "fields; the ETag (its version) is the If-Match to send with putRequestCategory.")
    @APIResponse(responseCode = "200", description = "The category; ETag carries its version",
            content = @Content(schema = @Schema(implementation = CategoryView.class)))
    @APIResponse(responseCode = "404", description = "No such category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("code") String code) {
        RequestCategory category = service.get(code);
        return Versioned.ok(CategoryView.of(category), category.version());
    }

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(operationId = "putRequestCategory", summary = "Create or replace a category",
            description = "District administrators only. Creates the category when the code is new (no If-Match, "
                    + "201); replacing one needs If-Match with its ETag (428 without, 412 when stale). Changed time "
                    + "limits apply to tickets submitted afterwards. A type's general category (<type>-other) stays "
                    + "active and of its type.")
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = CategoryView.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CategoryView.class)))
    @APIResponse(responseCode = "400", description = "Invalid category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the ETag in If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "Replacing without If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response put(@PathParam("code") String code, @Valid @NotNull CategoryBody body,
            @HeaderParam("If-Match") String ifMatch, @Context UriInfo uri) {
        CategoryCatalogueService.Saved saved = service.put(body.toCategory(code), ifMatch);
        CategoryView view = CategoryView.of(saved.category());
        return saved.created() ? Versioned.created(uri.getAbsolutePath(), view, saved.category().version()).build()
                : Versioned.ok(view, saved.category().version());
    }
}
