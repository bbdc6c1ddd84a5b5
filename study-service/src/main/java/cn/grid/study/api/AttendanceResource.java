package cn.grid.study.api;

import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.study.app.AttendanceService;
import cn.grid.study.domain.Attendance;
import cn.grid.study.domain.AttendanceChange;
import cn.grid.study.domain.AttendanceStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** 签到: a session's attendance, recorded in batches, with every correction audited. */
@Path("/api/v1/study/sessions/{id}/attendance")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Attendance")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The session is outside what the caller's registry grants reach",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such session",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AttendanceResource {

    @Schema(name = "AttendanceMark")
    public record MarkBody(@Schema(examples = "chen.dy") @NotBlank @Size(max = 200) String subject, UUID personId,
            @Schema(examples = "陈党员") @Size(max = 100) String personName,
            @Schema(examples = "PRESENT") @NotNull AttendanceStatus status) {
    }

    @Schema(name = "AttendanceBatch", description = "Marks for any number of members; changing a recorded status "
            + "needs the reason.")
    public record Batch(@NotEmpty @Size(max = 2000) List<@Valid @NotNull MarkBody> entries,
            @Schema(examples = "补录：请假条已核实") @Size(max = 1000) String reason) {
    }

    private final AttendanceService service;
    private final CurrentCaller caller;

    public AttendanceResource(AttendanceService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRID_WORKER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN})
    @Operation(operationId = "recordAttendance", summary = "Record or correct attendance in one batch",
            description = "签到 in one batch of up to 2,000 lines, by a grid-worker, org-admin or district-admin whose "
                    + "registry grants reach the session's grid node. "
                    + "First marks need no reason; changing a recorded mark needs `reason` and is audited. "
                    + "Present or late credits ATTENDANCE points once; a correction to absent or excused takes them "
                    + "back. A line that repeats the recorded status changes nothing. Answers how many lines were "
                    + "recorded, corrected and unchanged.")
    @APIResponse(responseCode = "200", description = "How many lines were recorded, corrected, unchanged",
            content = @Content(schema = @Schema(implementation = AttendanceService.Outcome.class)))
    @APIResponse(responseCode = "400", description = "Invalid batch, a subject twice, or a correction without reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AttendanceService.Outcome record(@PathParam("id") UUID sessionId, @Valid @NotNull Batch body) {
        return service.record(sessionId, body.entries().stream().map(m -> new AttendanceService.Mark(m.subject(),
                m.personId(), m.personName(), m.status())).toList(), body.reason(), caller.get());
    }

    @GET
    @RolesAllowed({Roles.GRID_WORKER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    @Operation(operationId = "sessionAttendance", summary = "The session's attendance",
            description = "Each member's current mark (PRESENT, LATE, ABSENT or EXCUSED) with who recorded it and "
                    + "when, by person name, in one unpaged list; marks made from xAPI statements have recordedBy "
                    + "xapi:<statement id>. For grid-worker, org-admin, district-admin and service tokens whose registry grants reach "
                    + "the session's grid node.")
    @APIResponse(responseCode = "200", description = "Every mark of the session",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Attendance.class)))
    public List<Attendance> list(@PathParam("id") UUID sessionId) {
        return service.of(sessionId, caller.get());
    }

    @GET
    @Path("/changes")
    @RolesAllowed({Roles.GRID_WORKER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    @Operation(operationId = "attendanceChanges", summary = "The audit: every recording and correction, oldest first",
            description = "One line per mark recorded or changed, in one unpaged list: subject, fromStatus (null on "
                    + "the first recording), toStatus, changedBy, at and the reason (given on corrections only); lines "
                    + "of a batch that repeated the recorded status leave none, and marks from xAPI show changedBy "
                    + "xapi. For grid-worker, org-admin, district-admin and service tokens whose registry grants reach the "
                    + "session's grid node.")
    @APIResponse(responseCode = "200", description = "Every recording and correction, oldest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AttendanceChange.class)))
    public List<AttendanceChange> changes(@PathParam("id") UUID sessionId) {
        return service.changes(sessionId, caller.get());
    }
}
