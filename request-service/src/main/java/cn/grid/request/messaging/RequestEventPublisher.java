package cn.grid.request.messaging;

import cn.grid.contracts.events.request.RequestEscalatedV1;
import cn.grid.contracts.events.request.RequestOverdueV1;
import cn.grid.contracts.events.request.RequestSubmittedV1;
import cn.grid.contracts.events.request.RequestTransitionedV1;
import cn.grid.platform.outbox.OutboxWriter;
import cn.grid.request.domain.ServiceRequest;
import cn.grid.request.domain.SlaStage;
import cn.grid.request.domain.TransitionRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Announces ticket changes on {@code request.events}, through the outbox of the calling transaction. */
@ApplicationScoped
public class RequestEventPublisher {

    private final OutboxWriter outbox;

    public RequestEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /**
     * A lifecycle move. Extension requests and decisions stay on the ticket's timeline; escalations and
     * overdue marks have events of their own.
     */
    public void transitioned(ServiceRequest r, TransitionRecord move) {
        if (!move.action().keepsState()) {
            outbox.append(transitionEvent(r, move));
        }
    }

    /** Several moves, announced in one outbox statement in list order (the SLA sweep closes a batch at once). */
    public void transitionedAll(List<Move> moves) {
        outbox.appendAll(moves.stream().filter(m -> !m.record().action().keepsState())
                .map(m -> transitionEvent(m.request(), m.record())).toList());
    }

    /** A ticket and the move it just made. */
    public record Move(ServiceRequest request, TransitionRecord record) {
    }

    private static RequestTransitionedV1 transitionEvent(ServiceRequest r, TransitionRecord move) {
        return new RequestTransitionedV1(RequestTransitionedV1.typeOf(move.action().pastTense()),
                r.id().toString(), r.type().name(), move.action().name(), move.fromStatus().name(),
                move.toStatus().name(), move.actor(), move.reason(),
                r.gridNodeId() == null ? null : r.gridNodeId().toString(), r.gridPath(), r.assignee().login(),
                r.dispatch().isEmpty() ? null : r.dispatch().targetType().name(), r.dispatch().targetId(),
                r.resolution().outcome() == null ? null : r.resolution().outcome().name(),
                r.rating().rated() ? Integer.valueOf(r.rating().stars()) : null,
                r.rating().rated() ? Boolean.valueOf(r.rating().satisfied()) : null, move.at(),
                text(r.dispatch().personId()), text(r.dispatch().teamId()), text(r.assignee().personId()));
    }

    public void submitted(ServiceRequest request) {
        outbox.append(new RequestSubmittedV1(request.id().toString(), request.type().name(), request.title(),
                request.gridNodeId() == null ? null : request.gridNodeId().toString(), request.reporterId(),
                request.submittedAt()));
    }

    public void overdue(ServiceRequest r, SlaStage stage, OffsetDateTime at) {
        outbox.append(new RequestOverdueV1(r.id().toString(), r.type().name(), r.categoryCode(), stage.name(),
                r.sla().dueAt(stage), r.status().name(), text(r.gridNodeId()), r.gridPath(),
                text(r.escalation().responsibleNodeId()), r.assignee().login(), at));
    }

    public void escalated(ServiceRequest r, UUID fromNode, TransitionRecord move, boolean automatic) {
        outbox.append(new RequestEscalatedV1(r.id().toString(), r.type().name(), r.categoryCode(),
                r.status().name(), fromNode.toString(), r.escalation().responsibleNodeId().toString(),
                r.escalation().responsiblePath(), r.escalation().level(), automatic, move.actor(), move.reason(), move.at()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
