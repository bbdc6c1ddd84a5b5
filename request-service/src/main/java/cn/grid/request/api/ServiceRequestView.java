package cn.grid.request.api;

import cn.grid.request.domain.Channel;
import cn.grid.request.domain.DispatchTarget;
import cn.grid.request.domain.Outcome;
import cn.grid.request.domain.RequestStatus;
import cn.grid.request.domain.RequestType;
import cn.grid.request.domain.ServiceRequest;
import cn.grid.request.domain.SlaClocks;
import cn.grid.request.domain.SlaStage;
import cn.grid.request.domain.TicketLocation;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "ServiceRequest", description = "A citizen request ticket.")
public record ServiceRequestView(
        UUID id,
        RequestType type,
        @Schema(description = "Its code in the category catalogue") String category,
        @Schema(description = "The category's extra fields by code", type = SchemaType.OBJECT)
        @JsonRawValue String attributes,
        Channel channel,
        String title,
        String description,
        SubmitRequestBody.Location location,
        List<String> photos,
        @Schema(description = "The citizen's contact; masked in lists (李*, 138****1234)")
        SubmitRequestBody.Contact contact,
        @Schema(description = "Filed by grid staff on the citizen's behalf (代为上报)") boolean onBehalf,
        @Schema(description = "The grid it was routed to; null = the community-level queue") UUID gridNodeId,
        String reporterId,
        RequestStatus status,
        @Schema(description = "Whom it was dispatched to") DispatchTarget dispatchTargetType,
        @Schema(description = "The GRID node id, the registry's PERSON or TEAM id (a PERSON dispatched before "
                + "issue 18: a login subject)") String dispatchTargetId,
        @Schema(description = "The registry's name of the PERSON or TEAM, the DEPARTMENT named")
        String dispatchTargetName,
        @Schema(description = "Token subject of the one who took it (签收)") String assignee,
        @Schema(description = "The registry's person of the one who took it, when their login has one")
        UUID assigneePersonId,
        @Schema(description = "Their name in the registry") String assigneeName,
        Outcome outcome,
        UUID duplicateOf,
        String resolutionNotes,
        List<String> resolutionPhotos,
        Short rating,
        String ratingComment,
        @Schema(description = "网格员评价办事成效 (1–5), beside the citizen's rating") Short workerEvaluation,
        String workerEvaluationNote,
        @Schema(description = "Time limits and escalation") SlaView sla,
        long version,
        OffsetDateTime submittedAt,
        OffsetDateTime updatedAt,
        @Schema(description = "On submit only: open tickets of the same type nearby, nearest first — a client may "
                + "offer 'me too' on one of them") List<UUID> likelyDuplicates) {

    @Schema(name = "RequestSla", description = "The deadlines of the ticket's clocks (受理/首次响应, 签收, 办结), the "
            + "stages marked overdue, who answers for it after escalation, and an extension waiting for a decision.")
    public record SlaView(OffsetDateTime respondDueAt, OffsetDateTime signDueAt, OffsetDateTime resolveDueAt,
            List<SlaStage> overdue,
            @Schema(description = "The node answering for it: the routed grid, or where it was escalated to")
            UUID responsibleNodeId,
            @Schema(description = "Levels above the routed grid (0 = not escalated)") int escalationLevel,
            PendingExtension pendingExtension) {

        static SlaView of(ServiceRequest r) {
            SlaClocks clocks = r.sla();
            return new SlaView(clocks.respondDueAt(), clocks.signDueAt(), clocks.resolveDueAt(),
                    clocks.overdueStages(), r.escalation().responsibleNodeId(), r.escalation().level(),
                    r.pendingExtension().map(e -> new PendingExtension(e.minutes(), e.reason(), e.requestedBy()))
                            .orElse(null));
        }
    }

    @Schema(name = "PendingExtension")
    public record PendingExtension(int minutes, String reason, String requestedBy) {
    }

    /** The whole ticket, contact included: for its reporter and the staff over it. */
    static ServiceRequestView of(ServiceRequest r) {
        return of(r, r.contact().name(), r.contact().phone(), null);
    }

    /** A list entry: the contact masked (first character of the name, first 3 and last 4 digits). */
    static ServiceRequestView masked(ServiceRequest r) {
        return of(r, ContactMask.name(r.contact().name()), ContactMask.phone(r.contact().phone()), null);
    }

    static ServiceRequestView submitted(ServiceRequest r, List<UUID> likelyDuplicates) {
        return of(r, r.contact().name(), r.contact().phone(), likelyDuplicates);
    }

    private static ServiceRequestView of(ServiceRequest r, String contactName, String contactPhone,
            List<UUID> likelyDuplicates) {
        TicketLocation where = r.location();
        SubmitRequestBody.Location location = where.latitude() == null && where.address() == null ? null
                : new SubmitRequestBody.Location(where.latitude(), where.longitude(), where.address());
        SubmitRequestBody.Contact contact = contactName == null && contactPhone == null ? null
                : new SubmitRequestBody.Contact(contactName, contactPhone);
        return new ServiceRequestView(r.id(), r.type(), r.categoryCode(), r.attributesJson(), r.channel(), r.title(),
                r.description(), location, r.photos(), contact, r.contact().onBehalf(), r.gridNodeId(),
                r.reporterId(), r.status(), r.dispatch().targetType(), r.dispatch().targetId(),
                r.dispatch().targetName(), r.assignee().login(), r.assignee().personId(), r.assignee().name(),
                r.resolution().outcome(), r.resolution().duplicateOf(), r.resolution().notes(),
                r.resolution().photos(), r.rating().stars(), r.rating().comment(), r.evaluation().score(),
                r.evaluation().note(), SlaView.of(r), r.version(), r.submittedAt(), r.updatedAt(), likelyDuplicates);
    }
}
