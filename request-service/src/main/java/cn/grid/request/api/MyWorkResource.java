package cn.grid.request.api;

import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.work.WorkList;
import cn.grid.request.app.MyWorkService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's tickets and wishes waiting for them: request-service's part of the home screen's work list. */
@Path("/api/v1/requests/me/work")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Request tickets")
@SecurityRequirement(name = "jwt")
public class MyWorkResource {

    private final MyWorkService work;
    private final CurrentCaller caller;

    public MyWorkResource(MyWorkService work, CurrentCaller caller) {
        this.work = work;
        this.caller = caller;
    }

    @GET
    @Authenticated
    @Operation(operationId = "myRequestWork", summary = "My work: tickets and micro-wishes waiting for me",
            description = "For any signed-in caller; \"me\" is the caller's person in the registry (found by the "
                    + "login in the grid read models), \"my grids\" those where they are grid head, worker or "
                    + "specialist or administer a party organisation (a district administrator: every grid); a "
                    + "token's grid_scope only narrows. Kinds: TICKET_DISPATCHED_TO_ME (dispatched to my person, or "
                    + "to my login before dispatch named people, and not yet signed; or taken by me and still being "
                    + "handled), TICKET_DISPATCHED_TO_MY_TEAM (dispatched to an active team I am in, not yet signed), "
                    + "TICKET_AWAITING_ACCEPTANCE (submitted in my grids), TICKET_AWAITING_SIGNING (dispatched in my "
                    + "grids, not yet signed), TICKET_OVERDUE (a clock ran out: in my grids or taken by me), "
                    + "WISH_CLAIMABLE (accepted micro-wishes where I am registered as party member or volunteer, or "
                    + "below). Up to 20 items of each kind, soonest deadline first (none last); counts are whole, "
                    + "truncated says some kind has more. A login the registry does not know gets empty lists.")
    @APIResponse(responseCode = "200", description = "The work list",
            content = @Content(schema = @Schema(implementation = WorkList.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WorkList myWork() {
        return work.of(caller.get());
    }
}
