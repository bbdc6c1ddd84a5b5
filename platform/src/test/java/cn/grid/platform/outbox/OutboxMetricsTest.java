package cn.grid.platform.outbox;

import cn.grid.testsupport.EmbeddedKafka;
import cn.grid.testsupport.TestDatabase;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import cn.grid.platform.metrics.SampledValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The outbox's series in a Prometheus scrape, as an operator reads them, against a real database and broker. */
class OutboxMetricsTest {

    private static final String TOPIC = "outbox-metrics-" + UUID.randomUUID();
    private static TestDatabase database;
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void schema() throws Exception {
        database = TestDatabase.create("platform_outbox_metrics");
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(TestDatabase.user());
        dataSource.setPassword(TestDatabase.password());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(OutboxRelayTest.platformMigration());
            s.execute(OutboxRelayTest.migration("/db/platform/V0_7__outbox_traceparent.sql"));
            s.execute(OutboxRelayTest.migration("/db/platform/V0_8__subject_sequence.sql"));
        }
    }

    private SampledValue<?> sampled;

    @AfterEach
    void stopSampling() {
        if (sampled != null) {
            sampled.stop();
        }
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void theBacklogAndTheAgeOfItsOldestRowFollowTheTableAndFallToZeroOncePublished() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RelayStatus status = new RelayStatus();
        // sampled every 100 ms in the background (5 s in a service): the scrape follows within a moment
        sampled = OutboxMetrics.bind(registry, dataSource, TOPIC, status, () -> true, Duration.ofSeconds(30),
                Duration.ofMillis(100));
        await().atMost(Duration.ofSeconds(20)).until(() -> value(registry, "grid_outbox_backlog") == 0);
        assertThat(value(registry, "grid_outbox_oldest_unsent_age_seconds")).isZero();

        insert("a", "90 seconds");
        insert("b", "10 seconds");
        insert("c", "0 seconds");
        await().atMost(Duration.ofSeconds(20)).until(() -> value(registry, "grid_outbox_backlog") == 3);
        // the oldest row's wait, not the newest's or an average
        assertThat(value(registry, "grid_outbox_oldest_unsent_age_seconds")).isCloseTo(90, within(10.0));

        try (Producer<String, String> producer = new KafkaProducer<>(
                KafkaClients.producer(EmbeddedKafka.bootstrapServers(), "outbox-metrics-test"))) {
            OutboxRelay relay = new OutboxRelay(dataSource, producer, 100, Duration.ofSeconds(10));
            status.succeeded(Instant.now(), relay.publishBatch());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> value(registry, "grid_outbox_backlog") == 0);
        assertThat(value(registry, "grid_outbox_oldest_unsent_age_seconds")).isZero();
        assertThat(value(registry, "grid_outbox_published_total")).isEqualTo(3);
    }

    @Test
    void theRelayIsDownWhenItsThreadIsGoneOrItHasBeenFailingLongerThanTheTolerance() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RelayStatus status = new RelayStatus();
        AtomicBoolean threadAlive = new AtomicBoolean(true);
        sampled = OutboxMetrics.bind(registry, dataSource, TOPIC, status, threadAlive::get, Duration.ofSeconds(30),
                Duration.ofSeconds(1));
        status.succeeded(Instant.now(), 0);
        assertThat(value(registry, "grid_outbox_relay_up")).isEqualTo(1);

        // a blip within the tolerance is ridden out by the back-off: still up, but counted
        status.failed(Instant.now(), "broker away");
        assertThat(value(registry, "grid_outbox_relay_up")).isEqualTo(1);
        assertThat(value(registry, "grid_outbox_relay_failures_total")).isEqualTo(1);

        RelayStatus stuck = new RelayStatus();
        stuck.failed(Instant.now().minusSeconds(31), "broker away");
        PrometheusMeterRegistry other = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OutboxMetrics.bind(other, dataSource, TOPIC, stuck, () -> true, Duration.ofSeconds(30), Duration.ofSeconds(1))
                .stop();
        assertThat(value(other, "grid_outbox_relay_up")).isZero();

        threadAlive.set(false);
        assertThat(value(registry, "grid_outbox_relay_up")).isZero();
    }

    @Test
    void theTableFiguresAreNaNWhileTheDatabaseCannotBeAsked() throws Exception {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        sampled = OutboxMetrics.bind(registry, nowhere, TOPIC, new RelayStatus(), () -> true, Duration.ofSeconds(30),
                Duration.ofMillis(100));
        // a gap, not a reassuring 0 (after failed samples, not only before the first)
        SampledValue<?> failing = sampled;
        await().atMost(Duration.ofSeconds(20)).until(() -> failing.samples() >= 2);
        assertThat(value(registry, "grid_outbox_backlog")).isNaN();
        assertThat(value(registry, "grid_outbox_oldest_unsent_age_seconds")).isNaN();
    }

    private static void insert(String key, String age) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at)
                values (?, ?, ?, 'cn.grid.test.v1', '{"specversion":"1.0"}', now() - ?::interval)""")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, TOPIC);
            s.setString(3, key);
            s.setString(4, age);
            s.executeUpdate();
        }
    }

    /** The value of the topic's series in the scrape. */
    private static double value(PrometheusMeterRegistry registry, String metric) {
        String prefix = metric + "{topic=\"" + TOPIC + "\",} ";
        String scrape = registry.scrape();
        return scrape.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(prefix.length())))
                .orElseThrow(() -> new AssertionError(metric + " not in the scrape:\n" + scrape));
    }
}
