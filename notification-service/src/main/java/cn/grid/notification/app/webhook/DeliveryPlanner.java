package cn.grid.notification.app.webhook;

import cn.grid.notification.domain.webhook.Subscription;
import cn.grid.notification.persistence.WebhookStore;
import cn.grid.platform.events.CloudEvent;
import cn.grid.platform.events.CloudEventCodec;
import cn.grid.platform.ids.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Turns one consumed event into one delivery per matching active subscription, in the event's transaction (the one
 * that records it as processed): a redelivered event creates nothing twice, and a delivery exists exactly when the
 * event was consumed.
 */
@ApplicationScoped
public class DeliveryPlanner {

    /** Where events name their grid node: the node's id (looked up in grid_node_view) or its path as published. */
    private static final List<String> NODE_ID_FIELDS = List.of("gridNodeId", "toNodeId", "nodeId");
    private static final List<String> NODE_PATH_FIELDS = List.of("gridPath", "toNodePath", "nodePath", "path");

    private final WebhookStore store;
    private final CloudEventCodec codec;

    public DeliveryPlanner(WebhookStore store, ObjectMapper mapper) {
        this.store = store;
        this.codec = new CloudEventCodec(mapper);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int plan(CloudEvent event) {
        List<Subscription> active = store.activeSubscriptions();
        if (active.isEmpty()) {
            return 0;
        }
        String path = gridPath(event);
        String payload = null;
        int planned = 0;
        for (Subscription subscription : active) {
            if (!subscription.wants(event.type(), path)) {
                continue;
            }
            if (payload == null) {
                payload = codec.write(event);
            }
            long seq = store.nextSeq(subscription.id());
            if (store.insertDelivery(Ids.newId(), subscription.id(), seq, UUID.fromString(event.id()), event.type(),
                    event.time(), payload)) {
                planned++;
            }
        }
        return planned;
    }

    /** The materialized path of the grid node the event happened at, or null when it names none. */
    String gridPath(CloudEvent event) {
        JsonNode data = event.data();
        if (data == null || !data.isObject()) {
            return null;
        }
        for (String field : NODE_ID_FIELDS) {
            JsonNode id = data.get(field);
            if (id != null && id.isTextual()) {
                try {
                    String path = store.gridPath(UUID.fromString(id.asText())).orElse(null);
                    if (path != null) {
                        return path;
                    }
                } catch (IllegalArgumentException notAnId) {
                    // a malformed id names no node; the published path (if any) still may
                }
                break;
            }
        }
        for (String field : NODE_PATH_FIELDS) {
            JsonNode path = data.get(field);
            if (path != null && path.isTextual() && path.asText().startsWith("/")) {
                return path.asText();
            }
        }
        return null;
    }
}
