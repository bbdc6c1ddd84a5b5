package cn.grid.notification.app;

import cn.grid.contracts.events.notification.NotificationCreatedV1;
import cn.grid.notification.domain.Notification;
import cn.grid.notification.domain.NotificationDraft;
import cn.grid.notification.persistence.InboxRepository;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Puts notifications into inboxes — the one way in, for the rules (an event handled), and for the other parts of
 * the service (a webhook subscription disabled). Runs in the caller's transaction, which must exist: the
 * notifications, their seqs and unread counts, and their {@code cn.grid.notification.created.v1} events commit
 * together with whatever the caller did (for a consumer: with the event's {@code processed_event} row).
 *
 * <ul>
 *   <li>seq: the recipient's next number, from {@code inbox.last_seq} (an upsert that creates the inbox at its first
 *   notification and row-locks it until commit, so one inbox's notifications commit in seq order);</li>
 *   <li>unread_count: one more per notification stored;</li>
 *   <li>duplicates: a notification of the same event, recipient and kind as one already stored (a replay, two
 *   rules naming the same person) is left out — without using up a seq — and not returned;</li>
 *   <li>each stored notification is announced on notification.events (the outbox, same transaction), keyed by its
 *   recipient, for integrators who send it on (app push, SMS).</li>
 * </ul>
 *
 * The inboxes are locked in recipient order, so two deliveries to overlapping sets of people never deadlock.
 */
@ApplicationScoped
public class InboxWriter {

    private final InboxRepository inboxes;
    private final OutboxWriter outbox;

    public InboxWriter(InboxRepository inboxes, OutboxWriter outbox) {
        this.inboxes = inboxes;
        this.outbox = outbox;
    }

    /**
     * Stores the drafts caused by the event {@code sourceEventId} of type {@code sourceEventType}; returns the
     * notifications stored now, in recipient order (duplicates left out).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> deliver(List<NotificationDraft> drafts, UUID sourceEventId, String sourceEventType) {
        Objects.requireNonNull(sourceEventId, "sourceEventId");
        Objects.requireNonNull(sourceEventType, "sourceEventType");
        List<NotificationDraft> ordered = drafts.stream()
                .sorted(Comparator.comparing((NotificationDraft d) -> d.recipient().key()))
                .toList();
        List<Notification> stored = new ArrayList<>(ordered.size());
        for (NotificationDraft draft : ordered) {
            if (inboxes.alreadyDelivered(sourceEventId, draft.recipient(), draft.kind())) {
                continue;
            }
            long seq = inboxes.takeNextSeq(draft.recipient());
            var notification = inboxes.insert(draft, seq, Ids.newId(), sourceEventId, sourceEventType);
            if (notification.isEmpty()) {
                // stored meanwhile by a concurrent transaction of the same event (it held the inbox before us)
                inboxes.giveBackSeq(draft.recipient());
                continue;
            }
            stored.add(notification.get());
        }
        if (!stored.isEmpty()) {
            outbox.appendAll(stored.stream().map(InboxWriter::created).toList());
        }
        return stored;
    }

    static NotificationCreatedV1 created(Notification n) {
        String key = n.recipient().key();
        String personId = n.recipient().isPerson() ? key.substring("person:".length()) : null;
        String subject = n.recipient().isPerson() ? null : key.substring("subject:".length());
        return new NotificationCreatedV1(n.id().toString(), key, personId, subject, n.seq(), n.kind(), n.title(),
                n.body(), n.resourceType(), n.resourceId(),
                n.gridNodeId() == null ? null : n.gridNodeId().toString(), n.sourceEventId().toString(),
                n.sourceEventType(), n.createdAt());
    }
}
