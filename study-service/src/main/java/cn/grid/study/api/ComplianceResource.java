package cn.grid.study.api;

import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.study.app.ComplianceService;
import cn.grid.study.domain.ComplianceReport;
import cn.grid.study.domain.GridCompliance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** 一课一片一实践: the monthly rule, per member, organisation and subtree. */
@Path("/api/v1/study/compliance")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Monthly compliance")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", description = "Missing or malformed orgId or month",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not an administrator over the organisation",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such organisation",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ComplianceResource {

    @Schema(name = "CloseMonth")
    public record Close(@NotNull UUID orgId, @Schema(examples = "2026-11") @NotBlank String month) {
    }

    private final ComplianceService service;
    private final CurrentCaller caller;

    public ComplianceResource(ComplianceService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    @Operation(operationId = "monthlyCompliance", summary = "一课一片一实践 of an organisation subtree for a month",
            description = "For org-admin, district-admin and service tokens whose registry grants reach the "
                    + "organisation. Members of the organisation and those below it (memberships from grid events "
                    + "that overlap the month) who took part in a lecture-type session (MICRO_LECTURE, BENCH_CLASS, "
                    + "LECTURE_TOUR, HOME_DELIVERY, ONLINE) or gave one, took part in a film screening, and have practice credited in "
                    + "the month (Asia/Shanghai); coverage overall and per organisation, and who is missing which "
                    + "part. A closed month answers from its snapshot (closedAt set).")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(schema = @Schema(implementation = ComplianceReport.class)))
    public ComplianceReport report(@QueryParam("orgId") @NotNull UUID orgId,
            @QueryParam("month") @Parameter(example = "2026-11") String month) {
        return service.report(orgId, month, caller.get());
    }

    @GET
    @Path("/grid-nodes/{nodeId}")
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    @Operation(operationId = "gridCompliance", summary = "一课一片一实践 of a grid subtree for a month",
            description = "For org-admin, district-admin and service tokens whose registry grants reach the node. "
                    + "For screens that start from a place (the gateway's grid dashboard): the topmost party "
                    + "organisations seated in the grid node's subtree (their parents sit outside it), each with the "
                    + "coverage of its whole organisation subtree, and the totals. "
                    + "The per-member gaps are in each organisation's report (GET /api/v1/study/compliance).")
    @APIResponse(responseCode = "200", description = "The summary",
            content = @Content(schema = @Schema(implementation = GridCompliance.class)))
    public GridCompliance gridReport(@PathParam("nodeId") UUID nodeId,
            @QueryParam("month") @Parameter(example = "2026-11") String month) {
        return service.forGridNode(nodeId, month, caller.get());
    }

    @POST
    @Path("/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "closeMonth", summary = "Close a month: keep its figures and announce them",
            description = "By an org-admin or district-admin whose registry grants reach the organisation. Only a "
                    + "month that is over, and only once (409 otherwise). Keeps the report as the month's snapshot "
                    + "(closedAt, closedBy), which monthlyCompliance answers from then on, and publishes "
                    + "cn.grid.study.month.closed.v1.")
    @APIResponse(responseCode = "200", description = "The closed report",
            content = @Content(schema = @Schema(implementation = ComplianceReport.class)))
    @APIResponse(responseCode = "409", description = "The month is not over, or closed already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ComplianceReport close(@Valid @NotNull Close body) {
        return service.close(body.orgId(), body.month(), caller.get());
    }
}
