package cn.grid.request.api;

import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.request.app.RequestStatsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
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

import java.time.LocalDate;
import java.util.UUID;

@Path("/api/v1/requests/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Request statistics")
@SecurityRequirement(name = "jwt")
public class RequestStatsResource {

    private final RequestStatsService service;
    private final CurrentCaller caller;

    public RequestStatsResource(RequestStatsService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.GRID_WORKER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    @Operation(operationId = "requestStats", summary = "Ticket statistics of a subtree over a period",
            description = "Tickets submitted into the node's subtree between from and to (days, both included, "
                    + "Asia/Shanghai): counts by type and status, resolved (办实事), rated (评价), satisfied, the "
                    + "resolution rate (of those not rejected or withdrawn), the satisfaction rate, and the average "
                    + "seconds from submission to acceptance, to being taken (signed or claimed) and to resolution; "
                    + "firstResponseRate (answered within the limit), responseRate (signed within the limit), "
                    + "onTimeClosureRate (resolved within the limit, extensions included), escalated, overdueNow, "
                    + "topCategories and the headline \"办实事 N 项 / 评价 M 项\". For staff whose registry grants "
                    + "reach the node, and service accounts.")
    @APIResponse(responseCode = "200", description = "The statistics",
            content = @Content(schema = @Schema(implementation = RequestStatsService.Stats.class)))
    @APIResponse(responseCode = "400", description = "Missing or inverted dates, unknown node",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RequestStatsService.Stats stats(@QueryParam("gridNodeId") @NotNull UUID gridNodeId,
            @QueryParam("from") @NotNull @Parameter(example = "2026-01-01") LocalDate from,
            @QueryParam("to") @NotNull @Parameter(example = "2026-12-31") LocalDate to) {
        return service.of(gridNodeId, from, to, caller.get());
    }
}
