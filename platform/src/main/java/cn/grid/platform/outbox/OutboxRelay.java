package cn.grid.platform.outbox;

import cn.grid.platform.events.CloudEvent;
import cn.grid.platform.retention.RowRetention;
import cn.grid.platform.tracing.EventTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes unsent outbox rows to Kafka and marks them sent, a batch per database transaction.
 *
 * <p>Per-aggregate order with any number of instances: the rows are split into {@value #SHARDS} shards by a hash of
 * their key (the aggregate id), and a shard is relayed by one instance at a time — the one that holds its
 * transaction-level advisory lock ({@code pg_try_advisory_xact_lock}). An instance skips a shard another one
 * holds, so several instances still relay side by side, each shard's rows go out strictly in {@code seq} order,
 * one batch after the other, and a batch is marked sent (commit, lock released) only after the broker acknowledged
 * it ({@code acks=all}, idempotent producer). Since {@link OutboxWriter} serialises the appends of one aggregate,
 * its {@code seq}s are in commit order, so its events reach the topic in commit order. The lock goes with the
 * transaction: an instance that dies (kill -9, lost connection) frees its shard at once, no lease to expire.
 *
 * <p>If Kafka fails mid-batch the transaction rolls back and the whole batch is retried: consumers may see an
 * event twice, never zero times — they deduplicate on the event id and ignore an older {@code subjectsequence}.
 *
 * <p>Trace context: a row written inside a trace is published in a producer span, a child of the context stored
 * with the row, whose own context goes out as the record's {@code traceparent}/{@code tracestate} headers (see
 * {@link EventTracing}); the span ends when the broker acknowledged the record (or the batch failed).
 */
public final class OutboxRelay {

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final int batchSize;
    private final Duration sendTimeout;
    private final EventTracing tracing;

    public OutboxRelay(DataSource dataSource, Producer<String, String> producer, int batchSize, Duration sendTimeout,
            EventTracing tracing) {
        this.tracing = tracing;
        this.dataSource = dataSource;
        this.producer = producer;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
    }

    /** @param trace the writer's trace context (fields null outside any trace) */
    record PendingEvent(long seq, String eventId, String topic, String key, String type, String payload,
            EventTracing.StoredContext trace) {
    }

    /**
     * Shards of the outbox, by key. A fixed number, the same in every instance and version, so two instances
     * never disagree about which shard a key is in; 16 lets up to 16 instances relay side by side.
     */
    static final int SHARDS = 16;

    /** The first advisory-lock key of the shards ({@code pg_try_advisory_xact_lock(LOCK_CLASS, shard)}). */
    static final int LOCK_CLASS = 0x6f757462; // "outb"

    /** The shards that have unsent rows, so that an idle poll costs one query rather than one per shard. */
    static final String PENDING_SHARDS = """
            select distinct (hashtext(event_key) & 2147483647) % ?
            from outbox_event
            where sent_at is null""";

    /**
     * Publishes up to one batch of every shard with unsent rows that no other instance is relaying, starting at a
     * random one so that instances spread; returns how many events went out (0 when there was nothing this
     * instance could send).
     */
    public int publishBatch() throws SQLException, InterruptedException, OutboxPublishException {
        int published = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            List<Integer> shards = pendingShards(connection);
            int first = shards.isEmpty() ? 0 : ThreadLocalRandom.current().nextInt(shards.size());
            for (int i = 0; i < shards.size(); i++) {
                published += publishShard(connection, shards.get((first + i) % shards.size()));
            }
        }
        return published;
    }

    private static List<Integer> pendingShards(Connection connection) throws SQLException {
        List<Integer> shards = new ArrayList<>();
        try (Statement settings = connection.createStatement()) {
            settings.execute(CLAIM_SETTINGS);
        }
        try (PreparedStatement statement = connection.prepareStatement(PENDING_SHARDS)) {
            statement.setInt(1, SHARDS);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    shards.add(rs.getInt(1));
                }
            }
        } finally {
            connection.commit();
        }
        return shards;
    }

    private int publishShard(Connection connection, int shard)
            throws SQLException, InterruptedException, OutboxPublishException {
        List<PendingEvent> batch = List.of();
        try {
            if (!lockShard(connection, shard)) {
                connection.commit();
                return 0;
            }
            batch = claim(connection, shard);
            if (batch.isEmpty()) {
                connection.commit();
                return 0;
            }
            send(batch);
            markSent(connection, batch);
            connection.commit();
            return batch.size();
        } catch (OutboxPublishException | RuntimeException | SQLException e) {
            connection.rollback();
            recordFailure(connection, batch, e);
            throw e;
        } catch (InterruptedException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Deletes rows published longer ago than {@code retention}; returns how many. */
    public int purgeSent(Duration retention) throws SQLException {
        return RowRetention.deleteOlderThan(dataSource, "outbox_event", "sent_at", retention);
    }

    /**
     * Every published row leaves a dead entry in the partial index of unsent rows until VACUUM removes it, and
     * VACUUM may be late or off (autovacuum is off on the CI machine's cluster). A bitmap scan, which the planner
     * picks here, revisits every such row in the heap on every poll — with 6,666 sent rows 25 ms of PostgreSQL CPU
     * per poll, that is per submitted ticket. A plain index scan marks the dead entries it meets as dead in the
     * index, so each is skipped from then on and a poll reads a few pages whatever the backlog of sent rows.
     */
    static final String CLAIM_SETTINGS = "set local enable_bitmapscan = off";
    static final String CLAIM = """
            select seq, event_id, topic, event_key, event_type, payload, traceparent, tracestate
            from outbox_event
            where sent_at is null and (hashtext(event_key) & 2147483647) % ? = ?
            order by seq
            limit ?
            for update skip locked""";

    /** Whether this transaction now relays the shard; false while another instance does. */
    private static boolean lockShard(Connection connection, int shard) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_xact_lock(?, ?)")) {
            statement.setInt(1, LOCK_CLASS);
            statement.setInt(2, shard);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private List<PendingEvent> claim(Connection connection, int shard) throws SQLException {
        try (Statement settings = connection.createStatement()) {
            settings.execute(CLAIM_SETTINGS);
        }
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setInt(1, SHARDS);
            statement.setInt(2, shard);
            statement.setInt(3, batchSize);
            try (ResultSet rs = statement.executeQuery()) {
                List<PendingEvent> batch = new ArrayList<>();
                while (rs.next()) {
                    batch.add(new PendingEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6),
                            new EventTracing.StoredContext(rs.getString(7), rs.getString(8))));
                }
                return batch;
            }
        }
    }

    private void send(List<PendingEvent> batch) throws InterruptedException, OutboxPublishException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        List<Span> spans = new ArrayList<>();
        Throwable failure = null;
        try {
            for (PendingEvent event : batch) {
                ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
                record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_id", event.eventId().getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_type", event.type().getBytes(StandardCharsets.UTF_8));
                // the publish is a hop of the writer's trace: a producer span of its own, child of the writer's
                Span span = tracing.startPublish(event.trace(), event.topic(), event.key(), event.eventId(),
                        event.type());
                if (span != null) {
                    spans.add(span);
                    EventTracing.inject(span, record.headers());
                }
                acks.add(producer.send(record));
            }
            long deadline = System.nanoTime() + sendTimeout.toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            failure = e.getCause();
            throw new OutboxPublishException("Kafka refused an outbox event: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            failure = e;
            throw new OutboxPublishException("Kafka did not acknowledge the outbox batch within " + sendTimeout, e);
        } catch (org.apache.kafka.common.KafkaException e) {
            failure = e;
            throw new OutboxPublishException("Kafka unavailable: " + e.getMessage(), e);
        } catch (InterruptedException | RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            for (Span span : spans) {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, "the batch was not published; it is retried");
                }
                span.end();
            }
        }
    }

    private void markSent(Connection connection, List<PendingEvent> batch) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "update outbox_event set sent_at = now(), attempts = attempts + 1, last_error = null where seq = any(?)")) {
            Array seqs = connection.createArrayOf("bigint", batch.stream().map(PendingEvent::seq).toArray());
            statement.setArray(1, seqs);
            statement.executeUpdate();
        }
    }

    private void recordFailure(Connection connection, List<PendingEvent> batch, Exception cause) {
        if (batch.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "update outbox_event set attempts = attempts + 1, last_error = ? where seq = any(?)")) {
            statement.setString(1, String.valueOf(cause.getMessage()));
            statement.setArray(2, connection.createArrayOf("bigint", batch.stream().map(PendingEvent::seq).toArray()));
            statement.executeUpdate();
            connection.commit();
        } catch (SQLException ignored) {
            // bookkeeping only: the rows stay unsent and the next attempt retries them anyway
        }
    }
}
