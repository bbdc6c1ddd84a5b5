package cn.grid.notification.persistence;

import cn.grid.notification.domain.Notification;
import cn.grid.notification.domain.NotificationDraft;
import cn.grid.notification.domain.Recipient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tables {@code inbox} and {@code notification} (V1__inbox.sql). Lock order, the same everywhere so that
 * writers never deadlock: a statement that changes existing notification rows (mark read, purge) locks them before
 * the inbox row; a delivery locks only the inbox row (and inserts new notification rows nobody else sees yet).
 */
@ApplicationScoped
public class InboxRepository {

    private static final String COLUMNS = """
            recipient, seq, id, kind, title, body, resource_type, resource_id, grid_node_id, source_event_id,
            source_event_type, created_at, read_at""";

    private final EntityManager entityManager;

    public InboxRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Whether the event already told this recipient this kind of thing (a redelivery, a replay). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean alreadyDelivered(UUID sourceEventId, Recipient recipient, String kind) {
        return !entityManager.createNativeQuery("""
                        select 1 from notification where source_event_id = ?1 and recipient = ?2 and kind = ?3""")
                .setParameter(1, sourceEventId)
                .setParameter(2, recipient.key())
                .setParameter(3, kind)
                .getResultList().isEmpty();
    }

    /**
     * Takes the recipient's next seq and counts one more unread: creates the inbox at its first notification. The
     * row stays locked until the transaction ends, so the recipient's notifications commit in seq order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long takeNextSeq(Recipient recipient) {
        Object seq = entityManager.createNativeQuery("""
                        insert into inbox (recipient, last_seq, unread_count) values (?1, 1, 1)
                        on conflict (recipient) do update
                            set last_seq = inbox.last_seq + 1, unread_count = inbox.unread_count + 1
                        returning last_seq""")
                .setParameter(1, recipient.key())
                .getSingleResult();
        return ((Number) seq).longValue();
    }

    /**
     * Gives back the seq just taken (and the unread count) when its notification turned out to be a duplicate after
     * all: the inbox row is still locked by this transaction, so nobody took a later one, and no gap is left.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void giveBackSeq(Recipient recipient) {
        entityManager.createNativeQuery("""
                        update inbox set last_seq = last_seq - 1, unread_count = unread_count - 1
                        where recipient = ?1""")
                .setParameter(1, recipient.key())
                .executeUpdate();
    }

    /** Inserts the notification; empty when the same event already told the recipient the same kind. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Notification> insert(NotificationDraft draft, long seq, UUID id, UUID sourceEventId,
            String sourceEventType) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        insert into notification (recipient, seq, id, kind, title, body, resource_type, resource_id,
                                                  grid_node_id, source_event_id, source_event_type)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                        on conflict (source_event_id, recipient, kind) do nothing
                        returning %s""".formatted(COLUMNS))
                .setParameter(1, draft.recipient().key())
                .setParameter(2, seq)
                .setParameter(3, id)
                .setParameter(4, draft.kind())
                .setParameter(5, draft.title())
                .setParameter(6, draft.body())
                .setParameter(7, draft.resourceType())
                .setParameter(8, draft.resourceId())
                .setParameter(9, draft.gridNodeId())
                .setParameter(10, sourceEventId)
                .setParameter(11, sourceEventType)
                .getResultList();
        return rows.stream().findFirst().map(InboxRepository::notification);
    }

    /**
     * One page of the recipient's notifications, newest first: those below {@code beforeSeq} (null: from the
     * newest), of {@code kind} when given, unread only when asked; {@code limit} rows.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Notification> page(Recipient recipient, Long beforeSeq, String kind, boolean unreadOnly, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from notification where recipient = :recipient");
        if (beforeSeq != null) {
            sql.append(" and seq < :before");
        }
        if (kind != null) {
            sql.append(" and kind = :kind");
        }
        if (unreadOnly) {
            sql.append(" and read_at is null");
        }
        sql.append(" order by seq desc limit :limit");
        var query = entityManager.createNativeQuery(sql.toString()).setParameter("recipient", recipient.key());
        if (beforeSeq != null) {
            query.setParameter("before", beforeSeq);
        }
        if (kind != null) {
            query.setParameter("kind", kind);
        }
        query.setParameter("limit", limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<Notification> page = new ArrayList<>(rows.size());
        rows.forEach(r -> page.add(notification(r)));
        return page;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public int unreadCount(Recipient recipient) {
        List<?> rows = entityManager.createNativeQuery("select unread_count from inbox where recipient = ?1")
                .setParameter(1, recipient.key())
                .getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }

    /** Whether the recipient's inbox holds the notification {@code id}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean holds(Recipient recipient, UUID id) {
        return !entityManager.createNativeQuery("select 1 from notification where recipient = ?1 and id = ?2")
                .setParameter(1, recipient.key())
                .setParameter(2, id)
                .getResultList().isEmpty();
    }

    /**
     * Marks the recipient's unread notifications read — one ({@code id}), or all up to {@code upToSeq} (null:
     * all) — and takes them off the unread count. Returns how many were unread.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int markRead(Recipient recipient, UUID id, Long upToSeq) {
        StringBuilder sql = new StringBuilder(
                "update notification set read_at = now() where recipient = :recipient and read_at is null");
        if (id != null) {
            sql.append(" and id = :id");
        }
        if (upToSeq != null) {
            sql.append(" and seq <= :upToSeq");
        }
        var update = entityManager.createNativeQuery(sql.toString()).setParameter("recipient", recipient.key());
        if (id != null) {
            update.setParameter("id", id);
        }
        if (upToSeq != null) {
            update.setParameter("upToSeq", upToSeq);
        }
        int marked = update.executeUpdate();
        if (marked > 0) {
            entityManager.createNativeQuery("update inbox set unread_count = unread_count - ?2 where recipient = ?1")
                    .setParameter(1, recipient.key())
                    .setParameter(2, marked)
                    .executeUpdate();
        }
        return marked;
    }

    /**
     * Deletes notifications created more than {@code retention} ago, read or not, and takes the unread ones off
     * their inboxes' counts in the same statement, so the counts are right at every commit. At most {@code batch}
     * rows, so that a first purge of a large backlog holds its locks only briefly; returns how many went. A row
     * being marked read meanwhile is waited for and deleted in its new state (its read_at decides the count).
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public int purgeOlderThan(Duration retention, int batch) {
        Object deleted = entityManager.createNativeQuery("""
                        with gone as (
                            delete from notification where (recipient, seq) in (
                                select recipient, seq from notification
                                where created_at < now() - make_interval(secs => ?1)
                                order by created_at limit ?2)
                            returning recipient, read_at),
                        unread as (
                            select recipient, count(*) as n from gone where read_at is null group by recipient),
                        counted as (
                            update inbox i set unread_count = i.unread_count - u.n from unread u
                            where i.recipient = u.recipient returning 1)
                        select count(*) from gone""")
                .setParameter(1, (double) retention.toSeconds())
                .setParameter(2, batch)
                .getSingleResult();
        return ((Number) deleted).intValue();
    }

    private static Notification notification(Object[] r) {
        return new Notification((UUID) r[2], new Recipient((String) r[0]), ((Number) r[1]).longValue(),
                (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7], (UUID) r[8],
                (UUID) r[9], (String) r[10], time(r[11]), time(r[12]));
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return ((Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
