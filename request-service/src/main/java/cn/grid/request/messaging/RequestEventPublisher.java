package cn.grid.request.messaging;

import cn.grid.platform.events.RequestSubmittedV1;
import cn.grid.platform.outbox.OutboxWriter;
import cn.grid.request.domain.ServiceRequest;
import jakarta.enterprise.context.ApplicationScoped;

/** Announces ticket changes on {@code request.events}, through the outbox of the calling transaction. */
@ApplicationScoped
public class RequestEventPublisher {

    private final OutboxWriter outbox;

    public RequestEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void submitted(ServiceRequest request) {
        outbox.append(new RequestSubmittedV1(request.id().toString(), request.type().name(), request.title(),
                request.gridNodeId() == null ? null : request.gridNodeId().toString(), request.reporterId(),
                request.submittedAt()));
    }
}
