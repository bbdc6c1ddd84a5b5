package cn.grid.platform.outbox;

import cn.grid.platform.tracing.EventTracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import cn.grid.testsupport.RecordedSpans;
import cn.grid.testsupport.EmbeddedKafka;
import cn.grid.testsupport.TestDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relay against a real PostgreSQL database and a real Kafka broker. */
class OutboxRelayTest {

    private static TestDatabase database;
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void schema() throws Exception {
        database = TestDatabase.create("platform_outbox");
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(TestDatabase.user());
        dataSource.setPassword(TestDatabase.password());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(platformMigration());
            s.execute(migration("/db/platform/V0_7__outbox_traceparent.sql"));
            s.execute(migration("/db/platform/V0_8__subject_sequence.sql"));
            s.execute(migration("/db/platform/V0_11__outbox_tracestate.sql"));
        }
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void publishesUnsentRowsInOrderAndMarksThemSent() throws Exception {
        drainOutbox();
        String topic = "outbox-order-" + UUID.randomUUID();
        List<String> ids = insert(topic, 5);
        try (Producer<String, String> producer = producer()) {
            OutboxRelay relay = new OutboxRelay(dataSource, producer, 100, Duration.ofSeconds(10), EventTracing.untraced());

            assertThat(relay.publishBatch()).isEqualTo(5);
            assertThat(relay.publishBatch()).isZero();
        }

        List<ConsumerRecord<String, String>> received = consume(topic, 5);
        assertThat(received).extracting(ConsumerRecord::value).containsExactlyElementsOf(ids);
        assertThat(received.get(0).headers().lastHeader("content-type").value())
                .isEqualTo("application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        assertThat(unsent(topic)).isZero();
    }

    @Test
    void aTracedRowIsPublishedInAProducerSpanOfItsTraceAndARowWithoutOneHasNoHeader() throws Exception {
        String topic = "outbox-trace-" + UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        drainOutbox();
        List<String> ids = insert(topic, 2);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update outbox_event set traceparent = ?, tracestate = ? where topic = ? and payload = ?")) {
            s.setString(1, traceparent);
            s.setString(2, "grid=1");
            s.setString(3, topic);
            s.setString(4, ids.get(0));
            s.executeUpdate();
        }
        RecordedSpans recorded = new RecordedSpans();
        try (Producer<String, String> producer = producer()) {
            assertThat(new OutboxRelay(dataSource, producer, 100, Duration.ofSeconds(10), new EventTracing(recorded.openTelemetry()))
                    .publishBatch()).isEqualTo(2);
        }

        // one producer span, child of the writer's context, ended once the broker acknowledged the record
        assertThat(recorded.ended()).hasSize(1);
        SpanData published = recorded.ended().get(0);
        assertThat(published.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(published.getTraceId()).isEqualTo(traceId);
        assertThat(published.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(published.getName()).isEqualTo("send " + topic);
        assertThat(published.getSpanContext().getTraceState().get("grid")).isEqualTo("1");

        // the record carries the producer span's context: the consumer's span becomes its child
        List<ConsumerRecord<String, String>> received = consume(topic, 2);
        String sent = new String(received.get(0).headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII);
        assertThat(sent).isEqualTo("00-" + traceId + "-" + published.getSpanId() + "-01");
        assertThat(new String(received.get(0).headers().lastHeader("tracestate").value(), StandardCharsets.US_ASCII))
                .isEqualTo("grid=1");
        assertThat(received.get(1).headers().lastHeader("traceparent")).isNull();
        assertThat(received.get(1).headers().lastHeader("tracestate")).isNull();
    }

    @Test
    void withoutAnSdkTheStoredContextGoesOutUnchanged() throws Exception {
        String topic = "outbox-trace-" + UUID.randomUUID();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        drainOutbox();
        List<String> ids = insert(topic, 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update outbox_event set traceparent = ? where topic = ? and payload = ?")) {
            s.setString(1, traceparent);
            s.setString(2, topic);
            s.setString(3, ids.get(0));
            s.executeUpdate();
        }
        try (Producer<String, String> producer = producer()) {
            assertThat(new OutboxRelay(dataSource, producer, 100, Duration.ofSeconds(10), EventTracing.untraced())
                    .publishBatch()).isEqualTo(1);
        }
        assertThat(new String(consume(topic, 1).get(0).headers().lastHeader("traceparent").value(),
                StandardCharsets.US_ASCII)).isEqualTo(traceparent);
    }

    @Test
    void concurrentRelaysNeverPublishARowTwice() throws Exception {
        String topic = "outbox-concurrent-" + UUID.randomUUID();
        List<String> ids = insert(topic, 400);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (Producer<String, String> producer = producer()) {
            List<Callable<Integer>> relays = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                OutboxRelay relay = new OutboxRelay(dataSource, producer, 25, Duration.ofSeconds(10), EventTracing.untraced());
                relays.add(() -> {
                    int total = 0;
                    for (int n; (n = relay.publishBatch()) > 0; ) {
                        total += n;
                    }
                    return total;
                });
            }
            int published = 0;
            for (Future<Integer> f : pool.invokeAll(relays)) {
                published += f.get();
            }
            // the relays drain the whole outbox, rows other tests left unsent included; no row twice is checked below
            assertThat(published).isGreaterThanOrEqualTo(400);
        } finally {
            pool.shutdownNow();
        }
        assertThat(consume(topic, 400)).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(unsent(topic)).isZero();
    }

    /**
     * Three relays over one outbox while four writers append events of the same six aggregates, each in its own
     * transaction that runs more statements before committing; the database numbers each event at commit. Before, relays
     * claimed any unsent rows with SKIP LOCKED and sent their batches concurrently, so one relay's later batch of
     * an aggregate could reach the topic before another's earlier one.
     */
    @Test
    void threeRelaysAndConcurrentWritersKeepEveryAggregatesEventsInCommitOrder() throws Exception {
        String topic = "outbox-per-key-" + UUID.randomUUID();
        int writers = 4;
        int eventsPerWriter = 150;
        List<String> keys = Stream.of("a", "b", "c", "d", "e", "f").map(k -> k + "-" + topic).toList();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 3);
        AtomicBoolean writing = new AtomicBoolean(true);
        try (Producer<String, String> producer = producer()) {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Random random = new Random(w);
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < eventsPerWriter; i++) {
                        appendLikeTheWriter(topic, keys.get(random.nextInt(keys.size())), random.nextInt(3));
                    }
                    return null;
                }));
            }
            List<Future<Integer>> relays = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                OutboxRelay relay = new OutboxRelay(dataSource, producer, 5, Duration.ofSeconds(10), EventTracing.untraced());
                relays.add(pool.submit(() -> {
                    int total = 0;
                    while (writing.get() || unsent(topic) > 0) {
                        total += relay.publishBatch();
                    }
                    return total;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
            writing.set(false);
            int published = 0;
            for (Future<Integer> relay : relays) {
                published += relay.get();
            }
            assertThat(published).isEqualTo(writers * eventsPerWriter);
        } finally {
            pool.shutdownNow();
        }

        Map<String, List<Long>> sequences = new HashMap<>();
        Pattern number = Pattern.compile("\"subjectsequence\":(\\d+)");
        for (ConsumerRecord<String, String> record : consume(topic, writers * eventsPerWriter)) {
            Matcher m = number.matcher(record.value());
            assertThat(m.find()).isTrue();
            sequences.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(Long.parseLong(m.group(1)));
        }
        assertThat(sequences.values().stream().mapToInt(List::size).sum()).isEqualTo(writers * eventsPerWriter);
        sequences.forEach((key, seen) -> assertThat(seen).as("subject sequences of %s in topic order", key)
                .isEqualTo(LongStream.rangeClosed(1, seen.size()).boxed().toList()));
    }

    /**
     * One writer transaction: the row, then some more statements before commit (as a use case that flushes its
     * change after appending its event), so other writers' transactions commit in between; the number is taken at
     * commit.
     */
    private static void appendLikeTheWriter(String topic, String key, int statementsBeforeCommit) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "insert into outbox_event (event_id, topic, event_key, event_type, payload) values (?, ?, ?, ?, ?)")) {
                UUID id = UUID.randomUUID();
                s.setObject(1, id);
                s.setString(2, topic);
                s.setString(3, key);
                s.setString(4, "cn.grid.test.v1");
                s.setString(5, "{\"specversion\":\"1.0\",\"id\":\"" + id + "\"}");
                s.executeUpdate();
            }
            for (int i = 0; i < statementsBeforeCommit; i++) {
                try (Statement work = c.createStatement()) {
                    work.execute("select count(*) from outbox_event where event_key = '" + key + "'");
                }
            }
            c.commit();
        }
    }

    /**
     * Two transactions append an event of the same aggregate; the one that inserted second commits first. Its
     * event must be the aggregate's first, in number and in seq: a bigserial drawn at insert time alone would put
     * it second and the relay would publish the two in the wrong order.
     */
    @Test
    void anAggregatesEventsAreNumberedAndQueuedInCommitOrder() throws Exception {
        String key = "commit-order-" + UUID.randomUUID();
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            insertRow(first, key, "inserted-first");
            insertRow(second, key, "inserted-second");
            second.commit();
            first.commit();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select payload from outbox_event where event_key = ? order by seq")) {
            s.setString(1, key);
            List<String> payloads = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    payloads.add(rs.getString(1));
                }
            }
            assertThat(payloads).hasSize(2);
            assertThat(payloads.get(0)).startsWith("{\"subjectsequence\":1,").contains("inserted-second");
            assertThat(payloads.get(1)).startsWith("{\"subjectsequence\":2,").contains("inserted-first");
            try (PreparedStatement delete = c.prepareStatement("delete from outbox_event where event_key = ?")) {
                delete.setString(1, key);
                delete.executeUpdate();
            }
        }
    }

    private static void insertRow(Connection c, String key, String marker) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into outbox_event (event_id, topic, event_key, event_type, payload) values (?, ?, ?, ?, ?)")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, "outbox-commit-order");
            s.setString(3, key);
            s.setString(4, "cn.grid.test.v1");
            s.setString(5, "{\"specversion\":\"1.0\",\"marker\":\"" + marker + "\"}");
            s.executeUpdate();
        }
    }

    @Test
    void keepsRowsUnsentAndRecordsTheErrorWhileKafkaIsDown() throws Exception {
        String topic = "outbox-down-" + UUID.randomUUID();
        drainOutbox();
        insert(topic, 3);
        var props = KafkaClients.producer("127.0.0.1:1", "outbox-down-test");
        props.put("max.block.ms", "500");
        try (Producer<String, String> producer = new KafkaProducer<>(props)) {
            OutboxRelay relay = new OutboxRelay(dataSource, producer, 100, Duration.ofSeconds(2), EventTracing.untraced());
            assertThatThrownBy(relay::publishBatch).isInstanceOf(OutboxPublishException.class);
        }
        assertThat(unsent(topic)).isEqualTo(3);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select min(attempts), min(last_error) from outbox_event where topic = ?")) {
            s.setString(1, topic);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isNotBlank();
            }
        }
        // Kafka is back: the same rows go out
        try (Producer<String, String> producer = producer()) {
            OutboxRelay relay = new OutboxRelay(dataSource, producer, 100, Duration.ofSeconds(10), EventTracing.untraced());
            while (relay.publishBatch() > 0) {
                // drain the whole outbox, rows of the other tests included
            }
        }
        assertThat(unsent(topic)).isZero();
        assertThat(consume(topic, 3)).hasSize(3);
    }

    /** Publishes what earlier tests left unsent, so that a test's counts are its own rows'. */
    private static void drainOutbox() throws Exception {
        try (Producer<String, String> producer = producer()) {
            OutboxRelay relay = new OutboxRelay(dataSource, producer, 500, Duration.ofSeconds(30), EventTracing.untraced());
            while (relay.publishBatch() > 0) {
                // until empty
            }
        }
    }

    private static Producer<String, String> producer() {
        return new KafkaProducer<>(KafkaClients.producer(EmbeddedKafka.bootstrapServers(), "outbox-test"));
    }

    /**
     * Before, the claim was planned as a bitmap scan, which visits every sent-but-not-vacuumed row in the heap on
     * every poll (with autovacuum off, as on the CI machine, forever): thousands of page reads per submitted
     * ticket. Now a poll reads a handful of pages however many sent rows wait for VACUUM.
     */
    @Test
    void aPollDoesNotRevisitTheRowsAlreadySent() throws Exception {
        String topic = "outbox-dead-rows-" + UUID.randomUUID();
        insert(topic, 6000);
        try (Producer<String, String> producer = producer()) {
            OutboxRelay relay = new OutboxRelay(dataSource, producer, 500, Duration.ofSeconds(10), EventTracing.untraced());
            while (relay.publishBatch() > 0) {
                assertThat(unsent(topic)).isLessThan(6000);
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            ResultSet pages = s.executeQuery("select pg_relation_size('outbox_event') / current_setting('block_size')::int");
            pages.next();
            long heapPages = pages.getLong(1);
            c.setAutoCommit(false);
            s.execute(OutboxRelay.CLAIM_SETTINGS);
            String plan = explain(c);
            // the first poll after the last batch may still meet entries not yet marked dead; the next one must not
            plan = explain(c);
            c.rollback();
            assertThat(plan).contains("Index Scan").doesNotContain("Bitmap Heap Scan");
            assertThat(heapPages).isGreaterThan(100);
            assertThat(sharedBuffers(plan)).isLessThan(50);
        }
    }

    private static String explain(Connection c) throws SQLException {
        try (PreparedStatement explain = c.prepareStatement("explain (analyze, buffers, costs off) "
                + OutboxRelay.CLAIM.replace("% ? = ?", "% " + OutboxRelay.SHARDS + " = 0").replace("limit ?", "limit 200"))) {
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    /** Pages the top plan node touched: the first "Buffers: shared hit=N read=M" line. */
    private static long sharedBuffers(String plan) {
        var m = java.util.regex.Pattern.compile("Buffers: shared((?: \\w+=\\d+)+)").matcher(plan);
        assertThat(m.find()).as("buffers in %s", plan).isTrue();
        long total = 0;
        for (String part : m.group(1).trim().split(" ")) {
            if (part.startsWith("hit=") || part.startsWith("read=")) {
                total += Long.parseLong(part.substring(part.indexOf('=') + 1));
            }
        }
        return total;
    }

    private static List<String> insert(String topic, int count) throws SQLException {
        List<String> payloads = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into outbox_event (event_id, topic, event_key, event_type, payload) values (?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                String payload = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"n\":" + i + "}";
                s.setObject(1, id);
                s.setString(2, topic);
                s.setString(3, "aggregate-" + topic);
                s.setString(4, "cn.grid.test.v1");
                s.setString(5, payload);
                s.addBatch();
                // as it goes out: numbered at commit, the aggregate's (i + 1)-th event
                payloads.add("{\"subjectsequence\":" + (i + 1) + "," + payload.substring(1));
            }
            s.executeBatch();
        }
        return payloads;
    }

    private static int unsent(String topic) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select count(*) from outbox_event where topic = ? and sent_at is null")) {
            s.setString(1, topic);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static List<ConsumerRecord<String, String>> consume(String topic, int expected) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), "reader-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (received.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            // one more short poll shows whether anything was published twice
            consumer.poll(Duration.ofMillis(300)).forEach(received::add);
        }
        return received;
    }

    static String platformMigration() throws IOException {
        return migration("/db/platform/V0_1__outbox_and_processed_events.sql");
    }

    static String migration(String path) throws IOException {
        try (InputStream in = OutboxRelayTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
