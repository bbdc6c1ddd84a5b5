package cn.grid.study.api;

import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.work.WorkList;
import cn.grid.study.app.MyStudyService;
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

/** The caller's own study: points balance and what waits for them (study-service's part of the home screen). */
@Path("/api/v1/study/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Points and practice")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MyStudyResource {

    @Schema(name = "MyStudy", description = "The caller to study-service, and their points")
    public record MyStudyView(String subject,
            @Schema(description = "The registry's person linked to the login; null when none") java.util.UUID personId,
            MyPointsView points) {

        static MyStudyView of(MyStudyService.Me me) {
            MyStudyService.MyPoints p = me.points();
            return new MyStudyView(me.subject(), me.personId(),
                    new MyPointsView(p.balance(), p.year(), p.thisYear(), p.month().toString(), p.thisMonth()));
        }
    }

    @Schema(name = "MyPoints", description = "The balance, and the points of the current year and month (reversals "
            + "deducted)")
    public record MyPointsView(long balance, @Schema(examples = "2026") int year, long thisYear,
            @Schema(examples = "2026-12") String month, long thisMonth) {
    }

    private final MyStudyService mine;
    private final CurrentCaller caller;

    public MyStudyResource(MyStudyService mine, CurrentCaller caller) {
        this.mine = mine;
        this.caller = caller;
    }

    @GET
    @Authenticated
    @Operation(operationId = "myStudy", summary = "My points balance, this year's and this month's points",
            description = "For any signed-in caller: the person the registry links to the login (null when none) "
                    + "and the points ledger's sums for them, by person id or login — the balance, and the points "
                    + "of the current year and month (Asia/Shanghai) with reversals deducted.")
    @APIResponse(responseCode = "200", description = "The caller's points",
            content = @Content(schema = @Schema(implementation = MyStudyView.class)))
    public MyStudyView me() {
        return MyStudyView.of(mine.me(caller.get()));
    }

    @GET
    @Path("/work")
    @Authenticated
    @Operation(operationId = "myStudyWork", summary = "My work: sessions, reflections and lecture orders waiting",
            description = "For any signed-in caller; \"me\" is the caller's person in the registry (by login). "
                    + "Kinds: SESSION_EXPECTED (sessions starting from now of an organisation I am a current member "
                    + "of, or at a grid where I hold a current assignment, that I have not attended), "
                    + "REFLECTION_TO_REVIEW (submitted reflections, not mine, of organisations within the grid of an "
                    + "organisation where I am secretary, deputy secretary or committee member; a district "
                    + "administrator without grid_scope: all), LECTURE_ORDER_TO_ACCEPT (orders of micro-lectures I "
                    + "give, waiting for my answer). Up to 20 items of each kind, soonest first; counts are whole, "
                    + "truncated says some kind has more.")
    @APIResponse(responseCode = "200", description = "The work list",
            content = @Content(schema = @Schema(implementation = WorkList.class)))
    public WorkList work() {
        return mine.work(caller.get());
    }
}
