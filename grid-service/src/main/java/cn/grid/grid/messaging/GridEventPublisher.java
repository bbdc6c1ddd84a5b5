package cn.grid.grid.messaging;

import cn.grid.grid.domain.GridNode;
import cn.grid.platform.events.GridNodeCreatedV1;
import cn.grid.platform.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;

/** Announces grid changes on {@code grid.events}, through the outbox of the calling transaction. */
@ApplicationScoped
public class GridEventPublisher {

    private final OutboxWriter outbox;

    public GridEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void nodeCreated(GridNode node) {
        outbox.append(new GridNodeCreatedV1(node.id().toString(),
                node.parentId() == null ? null : node.parentId().toString(), node.path(), node.level().name(),
                node.code(), node.name()));
    }
}
