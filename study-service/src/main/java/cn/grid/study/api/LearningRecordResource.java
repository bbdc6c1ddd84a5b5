package cn.grid.study.api;

import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import cn.grid.platform.security.Roles;
import cn.grid.study.app.LearningRecordService;
import cn.grid.study.domain.MemberSummary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** 学习档案: a member's learning record, and an organisation's per-member summary as JSON or CSV. */
@Path("/api/v1/study")
@Tag(name = "Learning records")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "403", description = "Not the member, nor staff over them",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class LearningRecordResource {

    private static final String CSV = "text/csv";

    private final LearningRecordService service;
    private final CurrentCaller caller;

    public LearningRecordResource(LearningRecordService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("/members/{personId}/record")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PARTY_MEMBER, Roles.GRID_WORKER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    @Operation(operationId = "memberRecord", summary = "A member's learning record, newest first, with the balance",
            description = "Sessions attended (with the status), lectures given, practice, reflections (with their "
                    + "review state) and required books (progress), up to 1,000 lines. Readable by the member "
                    + "themselves and by staff whose registry grants reach one of their organisations.")
    @APIResponse(responseCode = "200", description = "The record and the balance",
            content = @Content(schema = @Schema(implementation = LearningRecordService.LearningRecord.class)))
    public LearningRecordService.LearningRecord record(@PathParam("personId") UUID personId) {
        return service.of(personId, caller.get());
    }

    @GET
    @Path("/orgs/{orgId}/records")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed({Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE})
    @Operation(operationId = "orgRecords", summary = "Each current member's study in a period (JSON, or CSV with "
            + "Accept: text/csv or format=csv)",
            description = "One row per current member of the organisation and the organisations below it, by "
                    + "name: sessions attended (present or late; lecture-type and film among them), lectures given, "
                    + "practice, reflections approved and books finished between from and to (days, both included, "
                    + "Asia/Shanghai), the points earned then and the balance. For org-admin, district-admin and "
                    + "service tokens whose registry grants reach the organisation; 400 when to is before from or more "
                    + "than five years after it, 404 for an unknown organisation. CSV is UTF-8 with a BOM, a header "
                    + "row and CRLF lines, sent as an attachment, with formula-like cells prefixed by an apostrophe.")
    @APIResponse(responseCode = "200", description = "One row per current member",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = MemberSummary.class)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    public Response records(@PathParam("orgId") UUID orgId,
            @QueryParam("from") @NotNull @Parameter(example = "2026-01-01") LocalDate from,
            @QueryParam("to") @NotNull @Parameter(example = "2026-12-31") LocalDate to,
            @QueryParam("format") @Parameter(description = "csv for a CSV file") String format,
            @jakarta.ws.rs.HeaderParam("Accept") String accept) {
        List<MemberSummary> rows = service.summaries(orgId, from, to, caller.get());
        boolean csv = "csv".equalsIgnoreCase(format) || accept != null && accept.startsWith(CSV);
        if (!csv) {
            return Response.ok(rows, MediaType.APPLICATION_JSON).build();
        }
        StringBuilder out = new StringBuilder("\uFEFF"); // BOM: spreadsheet programs then read the names as UTF-8
        out.append("person_id,name,subject,sessions_attended,lecture_sessions,film_sessions,lectures_given,practice,"
                + "reflections_approved,books_finished,points_in_period,balance\r\n");
        for (MemberSummary m : rows) {
            out.append(String.join(",", String.valueOf(m.personId()), cell(m.personName()), cell(m.subject()),
                    String.valueOf(m.sessionsAttended()), String.valueOf(m.lectureSessions()),
                    String.valueOf(m.filmSessions()), String.valueOf(m.lecturesGiven()), String.valueOf(m.practice()),
                    String.valueOf(m.reflectionsApproved()), String.valueOf(m.booksFinished()),
                    String.valueOf(m.pointsInPeriod()), String.valueOf(m.balance()))).append("\r\n");
        }
        return Response.ok(out.toString(), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"study-" + orgId + "-" + from + "-" + to + ".csv\"")
                .build();
    }

    /**
     * RFC 4180 quoting, and a leading quote for values a spreadsheet would run as a formula (CSV injection).
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = value.matches("^[=+\\-@\\t\\r].*") ? "'" + value : value;
        return safe.matches(".*[\",\\r\\n].*") || !safe.equals(value) ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
