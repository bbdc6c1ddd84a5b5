package cn.grid.notification.messaging;

import cn.grid.notification.app.webhook.DeliveryPlanner;
import cn.grid.notification.config.NotificationConfig;
import cn.grid.platform.consumer.EventConsumers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;

/**
 * Every event of the suite's topics (grid, request, study, and this service's own notification.events) goes past
 * the webhook subscriptions: one idempotent consumer per topic (group {@code notification-service.webhooks-<topic>}),
 * each event handled by {@link DeliveryPlanner} in the transaction that records it as processed.
 */
@ApplicationScoped
public class WebhookEventsConsumer {

    static final String CONSUMER_PREFIX = "notification-service.webhooks-";

    private final EventConsumers consumers;
    private final DeliveryPlanner planner;
    private final boolean enabled;
    private final List<String> topics;

    public WebhookEventsConsumer(EventConsumers consumers, DeliveryPlanner planner, NotificationConfig config) {
        this.consumers = consumers;
        this.planner = planner;
        this.enabled = config.webhooks().enabled();
        this.topics = config.webhooks().topics();
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        for (String topic : topics) {
            consumers.start(CONSUMER_PREFIX + topic, topic, Map.of(EventConsumers.EVERY_TYPE, planner::plan));
        }
    }
}
