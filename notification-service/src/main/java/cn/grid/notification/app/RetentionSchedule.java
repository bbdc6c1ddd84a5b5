package cn.grid.notification.app;

import cn.grid.notification.app.webhook.WebhookLogRetention;
import cn.grid.notification.config.NotificationConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the service's purges every {@code grid.notification.inbox.purge-every} (PT1H) in every instance, the first
 * a minute after start (not while the instance warms up): old notifications ({@link InboxRetention}) and the
 * finished part of the webhook delivery log ({@link WebhookLogRetention}). One failing (the database away for a
 * while) does not stop the other; the next run tries again.
 */
@ApplicationScoped
public class RetentionSchedule {

    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class);

    private final InboxRetention inbox;
    private final WebhookLogRetention webhookLog;
    private final Duration every;
    private ScheduledExecutorService scheduler;

    public RetentionSchedule(InboxRetention inbox, WebhookLogRetention webhookLog, NotificationConfig config) {
        this.inbox = inbox;
        this.webhookLog = webhookLog;
        this.every = config.inbox().purgeEvery();
    }

    void onStart(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "notification-purge");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::purgeNow, 60, Math.max(1, every.toSeconds()), TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void purgeNow() {
        try {
            LOG.debugf("purged %d notifications", inbox.purge());
        } catch (RuntimeException e) {
            LOG.warnf("notification purge failed: %s", e.getMessage());
        }
        try {
            LOG.debugf("purged %d finished webhook deliveries", webhookLog.purge());
        } catch (RuntimeException e) {
            LOG.warnf("webhook delivery log purge failed: %s", e.getMessage());
        }
    }
}
