package cn.grid.request.api;

import cn.grid.request.domain.Channel;
import cn.grid.request.domain.DispatchTarget;
import cn.grid.request.domain.Outcome;
import cn.grid.request.domain.RequestStatus;
import cn.grid.request.domain.RequestType;
import cn.grid.request.domain.ServiceRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "ServiceRequest", description = "A citizen request ticket.")
public record ServiceRequestView(
        UUID id,
        RequestType type,
        Channel channel,
        String title,
        String description,
        SubmitRequestBody.Location location,
        @Schema(description = "The grid it was routed to; null = the community-level queue") UUID gridNodeId,
        String reporterId,
        RequestStatus status,
        @Schema(description = "Whom it was dispatched to") DispatchTarget dispatchTargetType,
        String dispatchTargetId,
        String dispatchTargetName,
        @Schema(description = "Token subject of the one who took it (签收)") String assignee,
        Outcome outcome,
        UUID duplicateOf,
        String resolutionNotes,
        Short rating,
        String ratingComment,
        @Schema(description = "网格员评价办事成效 (1–5), beside the citizen's rating") Short workerEvaluation,
        String workerEvaluationNote,
        long version,
        OffsetDateTime submittedAt,
        OffsetDateTime updatedAt,
        @Schema(description = "On submit only: open tickets of the same type nearby, nearest first — a client may "
                + "offer 'me too' on one of them") List<UUID> likelyDuplicates) {

    static ServiceRequestView of(ServiceRequest r) {
        SubmitRequestBody.Location location = r.latitude() == null && r.address() == null ? null
                : new SubmitRequestBody.Location(r.latitude(), r.longitude(), r.address());
        return new ServiceRequestView(r.id(), r.type(), r.channel(), r.title(), r.description(), location,
                r.gridNodeId(), r.reporterId(), r.status(), r.dispatchTargetType(), r.dispatchTargetId(),
                r.dispatchTargetName(), r.assignee(), r.outcome(), r.duplicateOf(), r.resolutionNotes(), r.rating(),
                r.ratingComment(), r.workerEvaluation(), r.workerEvaluationNote(), r.version(), r.submittedAt(),
                r.updatedAt(), null);
    }

    ServiceRequestView withLikelyDuplicates(List<UUID> duplicates) {
        return new ServiceRequestView(id, type, channel, title, description, location, gridNodeId, reporterId, status,
                dispatchTargetType, dispatchTargetId, dispatchTargetName, assignee, outcome, duplicateOf,
                resolutionNotes, rating, ratingComment, workerEvaluation, workerEvaluationNote, version, submittedAt,
                updatedAt, duplicates);
    }
}
