package cn.grid.notification.persistence;

import cn.grid.notification.domain.webhook.Delivery;
import cn.grid.notification.domain.webhook.DeliveryAttempt;
import cn.grid.notification.domain.webhook.DeliveryStatus;
import cn.grid.notification.domain.webhook.Subscription;
import cn.grid.notification.domain.webhook.SubscriptionStatus;
import cn.grid.platform.tree.SubtreeQuery;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The webhook tables (db/migration/V20__webhooks.sql), in plain SQL: the sender's claims need
 * {@code for update skip locked} and leases, which an entity model would only hide. Every method runs on the
 * caller's transaction when there is one (Agroal enlists the connection), else on its own connection.
 */
@ApplicationScoped
public class WebhookStore {

    private static final String SUBSCRIPTION_COLUMNS = """
            id, url, event_types, grid_node_id, grid_path, description, status, secret, previous_secret,
            previous_secret_until, owner_subject, owner_person_id, created_at, updated_at, disabled_at,
            disabled_reason, version""";
    private static final String DELIVERY_COLUMNS = """
            id, subscription_id, seq, event_id, event_type, event_time, payload, status, attempts, next_attempt_at,
            created_at, last_attempt_at, last_response_code, last_error, completed_at, redeliveries""";

    private final AgroalDataSource dataSource;

    public WebhookStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    // ---- grid read model ---------------------------------------------------------------------------------------

    /** The materialized path of a grid node this service knows (grid_node_view), if any. */
    public Optional<String> gridPath(UUID nodeId) {
        return one("select path from grid_node_view where id = ?", r -> r.getString(1), nodeId);
    }

    // ---- subscriptions -----------------------------------------------------------------------------------------

    public void insert(Subscription s) {
        update("""
                insert into webhook_subscription (id, url, event_types, grid_node_id, grid_path, description, status,
                    secret, owner_subject, owner_person_id, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                s.id(), s.url(), s.eventTypes(), s.gridNodeId(), s.gridPath(), s.description(), s.status().name(),
                s.secret(), s.ownerSubject(), s.ownerPersonId(), s.createdAt(), s.updatedAt());
    }

    public Optional<Subscription> subscription(UUID id) {
        return one("select " + SUBSCRIPTION_COLUMNS + " from webhook_subscription where id = ?",
                WebhookStore::subscription, id);
    }

    /** Locks the subscription's row until the transaction ends (an update, a rotation, a disabling). */
    public Optional<Subscription> subscriptionForUpdate(UUID id) {
        return one("select " + SUBSCRIPTION_COLUMNS + " from webhook_subscription where id = ? for update",
                WebhookStore::subscription, id);
    }

    /**
     * Subscriptions after {@code afterId} in id order; {@code pathPrefixes} null lists every one, else those whose
     * subtree lies inside one of the prefixes.
     */
    public List<Subscription> subscriptions(List<String> pathPrefixes, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("select " + SUBSCRIPTION_COLUMNS + " from webhook_subscription where true");
        List<Object> args = new ArrayList<>();
        if (pathPrefixes != null) {
            sql.append(" and grid_path like any (?)");
            args.add(pathPrefixes.stream().map(SubtreeQuery::likePrefix).toList());
        }
        if (afterId != null) {
            sql.append(" and id > ?");
            args.add(afterId);
        }
        sql.append(" order by id limit ?");
        args.add(limit);
        return list(sql.toString(), WebhookStore::subscription, args.toArray());
    }

    /** The active subscriptions: an event is matched against each (there are tens, not millions). */
    public List<Subscription> activeSubscriptions() {
        return list("select " + SUBSCRIPTION_COLUMNS + " from webhook_subscription where status = 'ACTIVE' order by id",
                WebhookStore::subscription);
    }

    public void update(Subscription s) {
        update("""
                update webhook_subscription set url = ?, event_types = ?, grid_node_id = ?, grid_path = ?,
                    description = ?, status = ?, secret = ?, previous_secret = ?, previous_secret_until = ?,
                    disabled_at = ?, disabled_reason = ?, updated_at = now(), version = version + 1
                where id = ?""",
                s.url(), s.eventTypes(), s.gridNodeId(), s.gridPath(), s.description(), s.status().name(),
                s.secret(), s.previousSecret(), s.previousSecretUntil(), s.disabledAt(), s.disabledReason(), s.id());
    }

    public boolean delete(UUID id) {
        return update("delete from webhook_subscription where id = ?", id) > 0;
    }

    /** The subscription's next delivery number; its row stays locked until the transaction commits. */
    public long nextSeq(UUID subscriptionId) {
        return one("update webhook_subscription set last_seq = last_seq + 1 where id = ? returning last_seq",
                r -> r.getLong(1), subscriptionId).orElseThrow();
    }

    // ---- deliveries --------------------------------------------------------------------------------------------

    /** A new PENDING delivery; false when the subscription already has one for the event. */
    public boolean insertDelivery(UUID id, UUID subscriptionId, long seq, UUID eventId, String eventType,
            OffsetDateTime eventTime, String payload) {
        return update("""
                insert into webhook_delivery (id, subscription_id, seq, event_id, event_type, event_time, payload)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (subscription_id, event_id) do nothing""",
                id, subscriptionId, seq, eventId, eventType, eventTime, payload) > 0;
    }

    public Optional<Delivery> delivery(UUID subscriptionId, UUID deliveryId) {
        return one("select " + DELIVERY_COLUMNS + " from webhook_delivery where subscription_id = ? and id = ?",
                WebhookStore::delivery, subscriptionId, deliveryId);
    }

    /**
     * Leases up to {@code limit} active subscriptions whose head delivery (the lowest seq still PENDING) is due and
     * which no sender holds, to {@code owner} until {@code leaseUntil}; returns their ids. Two senders never lease
     * the same subscription: the rows are claimed with {@code for update skip locked}, and the lease outlives the
     * transaction so the send itself happens outside it.
     */
    public List<UUID> leaseDue(String owner, OffsetDateTime leaseUntil, int limit) {
        return list("""
                with due as (
                    select s.id from webhook_subscription s
                    where s.status = 'ACTIVE' and (s.lease_until is null or s.lease_until < now())
                      and exists (select 1 from webhook_delivery d
                                  where d.subscription_id = s.id and d.status = 'PENDING' and d.next_attempt_at <= now()
                                    and d.seq = (select min(h.seq) from webhook_delivery h
                                                 where h.subscription_id = s.id and h.status = 'PENDING'))
                    limit ? for update of s skip locked)
                update webhook_subscription s set lease_owner = ?, lease_until = ? from due where s.id = due.id
                returning s.id""", r -> r.getObject(1, UUID.class), limit, owner, leaseUntil);
    }

    /** Extends the lease; false when {@code owner} no longer holds it (it expired and another sender took it). */
    public boolean renewLease(UUID subscriptionId, String owner, OffsetDateTime leaseUntil) {
        return update("update webhook_subscription set lease_until = ? where id = ? and lease_owner = ?",
                leaseUntil, subscriptionId, owner) > 0;
    }

    public void releaseLease(UUID subscriptionId, String owner) {
        update("update webhook_subscription set lease_owner = null, lease_until = null where id = ? and lease_owner = ?",
                subscriptionId, owner);
    }

    /** The subscription's head delivery: the lowest seq still PENDING, due or not. */
    public Optional<Delivery> head(UUID subscriptionId) {
        return one("select " + DELIVERY_COLUMNS
                + " from webhook_delivery where subscription_id = ? and status = 'PENDING' order by seq limit 1",
                WebhookStore::delivery, subscriptionId);
    }

    /** Records an attempt and the delivery's new state in one statement pair (the caller's transaction). */
    public void recordAttempt(Delivery delivery, DeliveryAttempt attempt, DeliveryStatus status,
            OffsetDateTime nextAttemptAt) {
        update("""
                insert into webhook_attempt (delivery_id, attempt_no, attempted_at, response_code, duration_ms, error)
                values (?, (select coalesce(max(attempt_no), 0) + 1 from webhook_attempt where delivery_id = ?),
                        ?, ?, ?, ?)""",
                delivery.id(), delivery.id(), attempt.attemptedAt(), attempt.responseCode(), attempt.durationMs(),
                attempt.error());
        update("""
                update webhook_delivery set status = ?, attempts = attempts + 1, next_attempt_at = ?,
                    last_attempt_at = ?, last_response_code = ?, last_error = ?,
                    completed_at = case when ? = 'PENDING' then null else now() end
                where id = ?""",
                status.name(), nextAttemptAt, attempt.attemptedAt(), attempt.responseCode(), attempt.error(),
                status.name(), delivery.id());
    }

    public List<DeliveryAttempt> attempts(UUID deliveryId) {
        return list("""
                select attempt_no, attempted_at, response_code, duration_ms, error from webhook_attempt
                where delivery_id = ? order by attempt_no""",
                r -> new DeliveryAttempt(r.getInt(1), r.getObject(2, OffsetDateTime.class),
                        (Integer) r.getObject(3), r.getInt(4), r.getString(5)), deliveryId);
    }

    /**
     * A page of the log, newest first: filtered by status and by creation time in [from, to), after the keyset
     * position (createdAt, id) of the previous page's last row.
     */
    public List<Delivery> deliveries(UUID subscriptionId, DeliveryStatus status, OffsetDateTime from,
            OffsetDateTime to, OffsetDateTime beforeCreatedAt, UUID beforeId, int limit) {
        StringBuilder sql = new StringBuilder("select " + DELIVERY_COLUMNS
                + " from webhook_delivery where subscription_id = ?");
        List<Object> args = new ArrayList<>(List.of(subscriptionId));
        if (status != null) {
            sql.append(" and status = ?");
            args.add(status.name());
        }
        if (from != null) {
            sql.append(" and created_at >= ?");
            args.add(from);
        }
        if (to != null) {
            sql.append(" and created_at < ?");
            args.add(to);
        }
        if (beforeId != null) {
            sql.append(" and (created_at, id) < (?, ?)");
            args.add(beforeCreatedAt);
            args.add(beforeId);
        }
        sql.append(" order by created_at desc, id desc limit ?");
        args.add(limit);
        return list(sql.toString(), WebhookStore::delivery, args.toArray());
    }

    /**
     * The ids of the deliveries created in [from, to), oldest first (their original order: a delivery redelivered
     * before has a later seq, but not a later creation), at most {@code limit}.
     */
    public List<UUID> deliveryIdsBetween(UUID subscriptionId, OffsetDateTime from, OffsetDateTime to, int limit) {
        return list("""
                select id from webhook_delivery where subscription_id = ? and created_at >= ? and created_at < ?
                order by created_at, id limit ?""", r -> r.getObject(1, UUID.class), subscriptionId, from, to, limit);
    }

    /**
     * Queues a delivery again under its own id (its webhook-id): PENDING, due now, a fresh round of attempts, and
     * {@code seq} (a new place at the end of the subscription's order).
     */
    public void requeue(UUID deliveryId, long seq) {
        update("""
                update webhook_delivery set status = 'PENDING', seq = ?, attempts = 0, next_attempt_at = now(),
                    completed_at = null, redeliveries = redeliveries + 1
                where id = ?""", seq, deliveryId);
    }

    /** Deliveries per status over every subscription (the backlog gauges). */
    public Map<DeliveryStatus, Long> countByStatus() {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        Arrays.stream(DeliveryStatus.values()).forEach(s -> counts.put(s, 0L));
        list("select status, count(*) from webhook_delivery group by status",
                r -> Map.entry(DeliveryStatus.valueOf(r.getString(1)), r.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    // ---- rows --------------------------------------------------------------------------------------------------

    private static Subscription subscription(ResultSet r) throws SQLException {
        Array types = r.getArray("event_types");
        return new Subscription(r.getObject("id", UUID.class), r.getString("url"),
                List.of((String[]) types.getArray()), r.getObject("grid_node_id", UUID.class),
                r.getString("grid_path"), r.getString("description"),
                SubscriptionStatus.valueOf(r.getString("status")), r.getString("secret"),
                r.getString("previous_secret"), r.getObject("previous_secret_until", OffsetDateTime.class),
                r.getString("owner_subject"), r.getObject("owner_person_id", UUID.class),
                r.getObject("created_at", OffsetDateTime.class), r.getObject("updated_at", OffsetDateTime.class),
                r.getObject("disabled_at", OffsetDateTime.class), r.getString("disabled_reason"),
                r.getLong("version"));
    }

    private static Delivery delivery(ResultSet r) throws SQLException {
        return new Delivery(r.getObject("id", UUID.class), r.getObject("subscription_id", UUID.class),
                r.getLong("seq"), r.getObject("event_id", UUID.class), r.getString("event_type"),
                r.getObject("event_time", OffsetDateTime.class), r.getString("payload"),
                DeliveryStatus.valueOf(r.getString("status")), r.getInt("attempts"),
                r.getObject("next_attempt_at", OffsetDateTime.class), r.getObject("created_at", OffsetDateTime.class),
                r.getObject("last_attempt_at", OffsetDateTime.class), (Integer) r.getObject("last_response_code"),
                r.getString("last_error"), r.getObject("completed_at", OffsetDateTime.class),
                r.getInt("redeliveries"));
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet r) throws SQLException;
    }

    private <T> Optional<T> one(String sql, RowReader<T> reader, Object... args) {
        List<T> rows = list(sql, reader, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private <T> List<T> list(String sql, RowReader<T> reader, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, args);
                ResultSet r = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(reader.read(r));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("webhook store: " + e.getSQLState(), e);
        }
    }

    // ---- the log's retention -----------------------------------------------------------------------------------

    /**
     * Deletes at most {@code batch} finished deliveries (their attempts go with them) completed more than
     * {@code retention} ago; a waiting delivery has no completion time and stays. Returns how many went.
     */
    public int purgeFinishedOlderThan(Duration retention, int batch) {
        return update("""
                delete from webhook_delivery where id in (
                    select id from webhook_delivery
                    where completed_at < now() - make_interval(secs => ?)
                    order by completed_at limit ?)""", (double) retention.toSeconds(), batch);
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("webhook store: " + e.getSQLState(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg == null) {
                ps.setNull(i + 1, Types.OTHER);
            } else if (arg instanceof List<?> strings) {
                ps.setArray(i + 1, c.createArrayOf("text", strings.toArray()));
            } else if (arg instanceof OffsetDateTime time) {
                ps.setObject(i + 1, time);
            } else {
                ps.setObject(i + 1, arg);
            }
        }
        return ps;
    }
}
