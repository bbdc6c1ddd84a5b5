package cn.grid.grid.messaging;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.request.RequestSubmittedV1;
import cn.grid.contracts.events.request.RequestTransitionedV1;
import cn.grid.grid.config.RequestWorkConfig;
import cn.grid.platform.consumer.EventConsumers;
import cn.grid.platform.consumer.EventHandler;
import cn.grid.platform.events.CloudEvent;
import cn.grid.platform.events.MalformedEventException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps {@code request_work_view} — each ticket's grid and status — from request.events (consumer group
 * {@code grid-service.request-events}), so retiring a node can refuse while open tickets remain there.
 *
 * <p>A row is the ticket's newest state, not a running tally: it keeps the {@code subjectsequence} of the event
 * that last changed it and ignores older ones (late or replayed), and the open work per node is counted from the
 * rows, so no order of delivery can make it drift.
 */
@ApplicationScoped
public class RequestWorkConsumer {

    /** Every lifecycle move, by the past tense its event type carries. */
    private final EventConsumers consumers;
    private final EntityManager entityManager;
    private final boolean enabled;
    private final String topic;

    public RequestWorkConsumer(EventConsumers consumers, EntityManager entityManager,
            RequestWorkConfig config) {
        this.consumers = consumers;
        this.entityManager = entityManager;
        this.enabled = config.enabled();
        this.topic = config.topic();
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        Map<String, EventHandler> handlers = new HashMap<>();
        handlers.put(EventTypes.REQUEST_SUBMITTED, e -> {
            RequestSubmittedV1 submitted = consumers.codec().data(e, RequestSubmittedV1.class);
            upsert(e, submitted.requestId(), submitted.gridNodeId(), "SUBMITTED");
        });
        for (String move : EventTypes.REQUEST_MOVES) {
            handlers.put(RequestTransitionedV1.typeOf(move), e -> {
                RequestTransitionedV1 moved = consumers.codec().data(e, RequestTransitionedV1.class);
                upsert(e, moved.requestId(), moved.gridNodeId(), moved.toStatus());
            });
        }
        consumers.start("grid-service.request-events", topic, handlers);
    }

    private void upsert(CloudEvent event, String requestId, String gridNodeId, String status) {
        if (requestId == null || status == null) {
            throw new MalformedEventException("request event without requestId or status");
        }
        entityManager.createNativeQuery("""
                insert into request_work_view (request_id, grid_node_id, status, last_event_id, last_sequence,
                    updated_at)
                values (?1, ?2, ?3, ?4, cast(?5 as bigint), now())
                on conflict (request_id) do update set grid_node_id = excluded.grid_node_id, status = excluded.status,
                    last_event_id = excluded.last_event_id,
                    last_sequence = coalesce(excluded.last_sequence, request_work_view.last_sequence),
                    updated_at = now()
                where request_work_view.last_sequence is null or excluded.last_sequence is null
                    or request_work_view.last_sequence < excluded.last_sequence""")
                .setParameter(1, uuid(requestId))
                .setParameter(2, gridNodeId == null ? null : uuid(gridNodeId))
                .setParameter(3, status)
                .setParameter(4, UUID.fromString(event.id()))
                .setParameter(5, event.subjectsequence())
                .executeUpdate();
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (RuntimeException e) {
            throw new MalformedEventException("request event with an invalid id: " + value);
        }
    }
}
