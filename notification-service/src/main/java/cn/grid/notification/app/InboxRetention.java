package cn.grid.notification.app;

import cn.grid.notification.config.NotificationConfig;
import cn.grid.notification.persistence.InboxRepository;
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
 * Deletes notifications older than {@code grid.notification.inbox.retention} (P180D), read or not, every
 * {@code grid.notification.inbox.purge-every} in every instance — as the platform purges its outbox and
 * Idempotency-Keys, but not with its RowRetention: an unread notification that goes must also leave its inbox's
 * unread count, in the same statement ({@link InboxRepository#purgeOlderThan}). Instances purging side by side
 * delete disjoint rows (a row deleted by one is skipped by the other). An inbox row itself stays, with its
 * {@code last_seq}: a recipient's seqs never start again at 1 (the live stream's Last-Event-ID stays valid).
 */
@ApplicationScoped
public class InboxRetention {

    private static final Logger LOG = Logger.getLogger(InboxRetention.class);

    private final InboxRepository inboxes;
    private final Duration retention;
    private final Duration every;
    private final int batch;
    private ScheduledExecutorService scheduler;

    public InboxRetention(InboxRepository inboxes, NotificationConfig config) {
        this.inboxes = inboxes;
        this.retention = config.inbox().retention();
        this.every = config.inbox().purgeEvery();
        this.batch = config.inbox().purgeBatch();
    }

    /** Deletes every notification older than the retention, batch by batch; returns how many went. */
    public int purge() {
        int total = 0;
        int deleted;
        do {
            deleted = inboxes.purgeOlderThan(retention, batch);
            total += deleted;
        } while (deleted == batch);
        return total;
    }

    void onStart(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "notification-purge");
            thread.setDaemon(true);
            return thread;
        });
        // the first run a minute after start: not while the instance is warming up
        scheduler.scheduleWithFixedDelay(this::purgeNow, 60, Math.max(1, every.toSeconds()), TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void purgeNow() {
        try {
            int purged = purge();
            LOG.debugf("purged %d notifications older than %s", purged, retention);
        } catch (RuntimeException e) {
            // the database may be away for a while: the next run tries again
            LOG.warnf("notification purge failed: %s", e.getMessage());
        }
    }
}
