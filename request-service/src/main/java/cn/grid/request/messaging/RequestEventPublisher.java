package cn.grid.request.messaging;

import cn.grid.platform.events.RequestSubmittedV1;
import cn.grid.platform.events.RequestTransitionedV1;
import cn.grid.platform.outbox.OutboxWriter;
import cn.grid.request.domain.ServiceRequest;
import cn.grid.request.domain.TransitionRecord;
import jakarta.enterprise.context.ApplicationScoped;

/** Announces ticket changes on {@code request.events}, through the outbox of the calling transaction. */
@ApplicationScoped
public class RequestEventPublisher {

    private final OutboxWriter outbox;

    public RequestEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void transitioned(ServiceRequest r, TransitionRecord move) {
        outbox.append(new RequestTransitionedV1(RequestTransitionedV1.typeOf(move.action().pastTense()),
                r.id().toString(), r.type().name(), move.action().name(), move.fromStatus().name(),
                move.toStatus().name(), move.actor(), move.reason(),
                r.gridNodeId() == null ? null : r.gridNodeId().toString(), r.gridPath(), r.assignee(),
                r.dispatchTargetType() == null ? null : r.dispatchTargetType().name(), r.dispatchTargetId(),
                r.outcome() == null ? null : r.outcome().name(), r.rating() == null ? null : r.rating().intValue(),
                r.rating() == null ? null : r.satisfied(), move.at()));
    }

    public void submitted(ServiceRequest request) {
        outbox.append(new RequestSubmittedV1(request.id().toString(), request.type().name(), request.title(),
                request.gridNodeId() == null ? null : request.gridNodeId().toString(), request.reporterId(),
                request.submittedAt()));
    }
}
