package cn.grid.platform.consumer;

import cn.grid.contracts.events.grid.GridNodeCreatedV1;
import cn.grid.platform.events.CloudEvent;
import cn.grid.platform.events.CloudEventCodec;
import cn.grid.platform.outbox.KafkaClients;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer loop when the broker goes away under it. This class has a broker of its own (the shared
 * EmbeddedKafka must stay up for every other test): a combined KRaft node whose broker half is shut down and
 * started again, on the same port, while the loop runs.
 */
class EventConsumerLoopOutageTest {

    private static KafkaClusterTestKit cluster;
    private static Path data;

    private final CloudEventCodec codec = new CloudEventCodec(new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
    /** Deliveries per subject (at least once: may exceed 1). */
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    /** What the idempotent ledger lets through: the first delivery of an event id, like processed_event. */
    private final Set<String> ledger = ConcurrentHashMap.newKeySet();
    /** Effects applied per subject: must end at exactly 1 for every event. */
    private final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
    private Producer<String, String> producer;
    private EventConsumerLoop loop;
    private String topic;
    private String name;

    @BeforeAll
    static void startCluster() throws Exception {
        data = Files.createTempDirectory("grid-outage-kafka");
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setBaseDirectory(data)
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "true")
                .setConfigProp("num.partitions", "3")
                .setDeleteOnClose(false)
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }

    @BeforeEach
    void setUp() {
        topic = "outage-test-" + UUID.randomUUID();
        name = "outage-consumer-" + UUID.randomUUID();
        producer = new KafkaProducer<>(KafkaClients.producer(cluster.bootstrapServers(), "outage-test"));
    }

    @AfterEach
    void tearDown() {
        if (loop != null) {
            loop.stop(Duration.ofSeconds(10));
        }
        producer.close(Duration.ofSeconds(2));
    }

    @Test
    void aCommitThatTimesOutWhileTheBrokerIsDownIsRetriedAndEveryEventIsAppliedOnce() throws Exception {
        AtomicBoolean brokerStopped = new AtomicBoolean();
        CountDownLatch down = new CountDownLatch(1);
        start(event -> {
            if (event.subject().equals("outage") && brokerStopped.compareAndSet(false, true)) {
                // the broker goes away after the effect and before the offset commit: the commit must time out
                broker().shutdown();
                down.countDown();
            }
        });
        send("a");
        send("b");
        await().atMost(Duration.ofSeconds(60)).until(() -> applied.keySet().containsAll(List.of("a", "b")));

        send("outage");
        assertThat(down.await(60, TimeUnit.SECONDS)).isTrue();
        // the commit of "outage" times out: the loop notes it and polls on instead of ending
        await().atMost(Duration.ofSeconds(60)).until(() -> loop.status().failingSince() != null);
        ConsumerStatus status = loop.status();
        assertThat(status.lastError()).contains("offset commit failed").contains("TimeoutException");
        Instant failing = status.failingSince();
        assertThat(EventConsumersHealthCheck.describe(Map.of(name, status), failing.plusSeconds(31),
                Duration.ofSeconds(30)).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        // still failing a few rounds later (the broker is still down), and the same thread goes on
        await().atMost(Duration.ofSeconds(60)).until(() -> Duration.between(failing, Instant.now()).toSeconds() > 6);
        assertThat(status.failingSince()).isEqualTo(failing);
        assertThat(status.running()).isTrue();
        assertThat(status.restarts()).isZero();

        broker().startup();
        cluster.waitForReadyBrokers();
        send("c");
        send("d");

        await().atMost(Duration.ofSeconds(90))
                .until(() -> applied.keySet().containsAll(List.of("a", "b", "outage", "c", "d")));
        assertThat(applied).allSatisfy((subject, count) -> assertThat(count.get()).as(subject).isEqualTo(1));
        // the offsets are committed at last: the broker is in contact again and the health check says so
        await().atMost(Duration.ofSeconds(60)).until(() -> status.failingSince() == null && status.lag() == 0);
        assertThat(EventConsumersHealthCheck.describe(Map.of(name, status), Instant.now(), Duration.ofSeconds(30))
                .getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        // and a new consumer in the group starts after the last event: nothing is delivered twice after a restart
        assertThat(committedOffsets()).isEqualTo(5);
    }

    /** The group's committed offsets summed over the partitions: one per event once everything is committed. */
    private long committedOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(name).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static BrokerServer broker() {
        return cluster.brokers().values().iterator().next();
    }

    /** Short client timeouts, so that the test does not wait minutes for what a service waits out. */
    private Properties consumerProperties() {
        Properties p = KafkaClients.consumer(cluster.bootstrapServers(), name);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        return p;
    }

    private void start(EventConsumerLoop.Processor effect) {
        EventConsumerLoop.Processor processor = event -> {
            deliveries.computeIfAbsent(event.subject(), k -> new AtomicInteger()).incrementAndGet();
            effect.process(event);
            if (ledger.add(event.id())) {
                applied.computeIfAbsent(event.subject(), k -> new AtomicInteger()).incrementAndGet();
            }
        };
        loop = new EventConsumerLoop(name, () -> new KafkaConsumer<>(consumerProperties()), producer, List.of(topic),
                codec, processor, new EventConsumerLoop.Settings(3, Duration.ofMillis(400), Duration.ofSeconds(2),
                        Duration.ofSeconds(1), Duration.ofSeconds(2)));
        Thread thread = new Thread(loop, "outage-loop");
        thread.setDaemon(true);
        thread.start();
    }

    private void send(String subject) throws Exception {
        CloudEvent event = codec.wrap("/test", new GridNodeCreatedV1(subject, null, "/" + subject + "/", "GRID",
                subject, subject), UUID.randomUUID(), OffsetDateTime.now());
        producer.send(new ProducerRecord<>(topic, subject, codec.write(event))).get(60, TimeUnit.SECONDS);
    }
}
