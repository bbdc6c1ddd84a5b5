package cn.grid.notification.app.webhook;

import cn.grid.notification.config.NotificationConfig;
import cn.grid.notification.persistence.WebhookStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Keeps the delivery log bounded: deletes the deliveries that finished (succeeded, or failed for good) more than
 * {@code grid.notification.webhooks.log-retention} (P30D) ago, with their attempts, when
 * {@link cn.grid.notification.app.RetentionSchedule} runs it. A waiting delivery is never deleted, however old:
 * it is still owed to its subscriber. Instances purging side by side delete disjoint rows.
 */
@ApplicationScoped
public class WebhookLogRetention {

    private final WebhookStore store;
    private final Duration retention;
    private final int batch;

    public WebhookLogRetention(WebhookStore store, NotificationConfig config) {
        this.store = store;
        this.retention = config.webhooks().logRetention();
        this.batch = config.inbox().purgeBatch();
    }

    /** Deletes every finished delivery older than the retention, batch by batch; returns how many went. */
    public int purge() {
        int total = 0;
        int deleted;
        do {
            deleted = store.purgeFinishedOlderThan(retention, batch);
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}
