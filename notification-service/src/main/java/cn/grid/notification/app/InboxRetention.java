package cn.grid.notification.app;

import cn.grid.notification.config.NotificationConfig;
import cn.grid.notification.persistence.InboxRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Deletes notifications older than {@code grid.notification.inbox.retention} (P180D), read or not, when
 * {@link RetentionSchedule} runs it — as the platform purges its outbox and
 * Idempotency-Keys, but not with its RowRetention: an unread notification that goes must also leave its inbox's
 * unread count, in the same statement ({@link InboxRepository#purgeOlderThan}). Instances purging side by side
 * delete disjoint rows (a row deleted by one is skipped by the other). An inbox row itself stays, with its
 * {@code last_seq}: a recipient's seqs never start again at 1 (the live stream's Last-Event-ID stays valid).
 */
@ApplicationScoped
public class InboxRetention {

    private final InboxRepository inboxes;
    private final Duration retention;
    private final int batch;

    public InboxRetention(InboxRepository inboxes, NotificationConfig config) {
        this.inboxes = inboxes;
        this.retention = config.inbox().retention();
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
}
