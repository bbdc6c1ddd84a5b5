package cn.grid.platform.consumer;

import cn.grid.contracts.events.grid.GridNodeCreatedV1;
import cn.grid.platform.events.CloudEvent;
import cn.grid.platform.events.CloudEventCodec;
import cn.grid.platform.events.MalformedEventException;
import cn.grid.platform.outbox.KafkaClients;
import cn.grid.platform.tracing.TraceMdc;
import cn.grid.testsupport.EmbeddedKafka;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer loop against a real broker: poison events are dead-lettered, outages are waited out, a KafkaConsumer
 * that ends is replaced, the lag is measured. (A broker outage itself: EventConsumerLoopOutageTest.)
 */
class EventConsumerLoopTest {

    private final CloudEventCodec codec = new CloudEventCodec(new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private Producer<String, String> producer;
    private EventConsumerLoop loop;
    private Thread loopThread;
    private String topic;
    private String name;

    @BeforeEach
    void setUp() {
        topic = "consumer-test-" + UUID.randomUUID();
        name = "test-consumer-" + UUID.randomUUID();
        producer = new KafkaProducer<>(KafkaClients.producer(EmbeddedKafka.bootstrapServers(), "consumer-test"));
    }

    @AfterEach
    void tearDown() {
        if (loop != null) {
            loop.stop(Duration.ofSeconds(5));
        }
        producer.close();
    }

    @Test
    void poisonEventsGoToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        start(event -> {
            if (event.subject().equals("poison")) {
                throw new MalformedEventException("data is missing nodeId");
            }
            handled.add(event.subject());
        });
        ConsumerSupervision.bind(registry, name, loop.status());
        assertThat(gauge(registry, "grid_consumer_dead_lettered_total")).isZero();

        send("a");
        producer.send(new ProducerRecord<>(topic, "k", "this is not JSON")).get();
        send("poison");
        send("b");

        await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 2);
        assertThat(handled).containsExactly("a", "b");
        List<ConsumerRecord<String, String>> letters = read(loop.deadLetterTopic(), 2);
        assertThat(letters).hasSize(2);
        assertThat(header(letters.get(0), "dlt-reason")).contains("MalformedEventException");
        assertThat(header(letters.get(0), "dlt-original-topic")).isEqualTo(topic);
        assertThat(letters.get(0).value()).isEqualTo("this is not JSON");
        assertThat(header(letters.get(1), "dlt-reason")).contains("data is missing nodeId");
        // what the DLT growth alert counts: one per letter written, none for the events applied
        assertThat(gauge(registry, "grid_consumer_dead_lettered_total")).isEqualTo(2);
    }

    @Test
    void anEventWaitsOutADatabaseOutageInsteadOfBeingDeadLettered() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(4);
        start(event -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new RuntimeException(new SQLTransientConnectionException("database is restarting"));
            }
            handled.add(event.subject());
        });

        send("a");
        send("b");

        await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 2);
        assertThat(handled).containsExactly("a", "b");
        assertThat(read(loop.deadLetterTopic(), 1)).isEmpty();
    }

    @Test
    void aFailingHandlerIsRetriedThenDeadLettered() throws Exception {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        start(event -> {
            attempts.computeIfAbsent(event.subject(), k -> new AtomicInteger()).incrementAndGet();
            if (event.subject().equals("bug")) {
                throw new IllegalStateException("a bug in the handler");
            }
            handled.add(event.subject());
        });

        send("bug");
        send("after");

        await().atMost(Duration.ofSeconds(20)).until(() -> handled.contains("after"));
        assertThat(attempts.get("bug").get()).isEqualTo(3);
        assertThat(read(loop.deadLetterTopic(), 1)).hasSize(1);
    }

    @Test
    void theProducersTraceIdIsInTheMdcWhileAnEventIsHandledAndOnlyThen() throws Exception {
        Map<String, String> traceIds = new ConcurrentHashMap<>();
        start(event -> {
            Object traceId = org.jboss.logging.MDC.get(TraceMdc.TRACE_ID);
            traceIds.put(event.subject(), traceId == null ? "none" : traceId.toString());
            handled.add(event.subject());
        });

        CloudEvent traced = codec.wrap("/test", new GridNodeCreatedV1("traced", null, "/traced/", "GRID", "t", "t"),
                UUID.randomUUID(), OffsetDateTime.now());
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, "k", codec.write(traced));
        record.headers().add("traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.US_ASCII));
        producer.send(record).get();
        send("untraced");
        ProducerRecord<String, String> invalid = new ProducerRecord<>(topic, "k", codec.write(codec.wrap("/test",
                new GridNodeCreatedV1("invalid", null, "/invalid/", "GRID", "i", "i"), UUID.randomUUID(),
                OffsetDateTime.now())));
        invalid.headers().add("traceparent", "nonsense".getBytes(StandardCharsets.US_ASCII));
        producer.send(invalid).get();

        await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 3);
        assertThat(traceIds).containsEntry("traced", "4bf92f3577b34da6a3ce929d0e0e4736")
                .containsEntry("untraced", "none")
                .containsEntry("invalid", "none");
    }

    @Test
    void aKafkaConsumerThatEndsUnexpectedlyIsReplacedByAFreshOne() throws Exception {
        // the first two KafkaConsumers throw out of poll() on the first record they read (as a corrupt record or
        // a client bug would); the loop must close each and carry on with a new one
        AtomicInteger corruptReadsLeft = new AtomicInteger(2);
        AtomicInteger created = new AtomicInteger();
        start(() -> {
            created.incrementAndGet();
            return new KafkaConsumer<>(KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), name),
                    new StringDeserializer(), new FlakyDeserializer(corruptReadsLeft));
        }, event -> handled.add(event.subject()));

        send("a");
        send("b");

        await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == 2);
        assertThat(handled).containsExactly("a", "b");
        assertThat(created.get()).isEqualTo(3);
        assertThat(loop.status().restarts()).isEqualTo(2);
        assertThat(loop.status().running()).isTrue();
        // the failure is cleared by the commit that follows the handled events, a moment after the handler ran
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(loop.status().lastError()).isNull());
    }

    @Test
    void aCommitRefusedAfterARebalanceIsNotTheEndAndTheRedeliveryIsAbsorbed() throws Exception {
        // the first event takes longer than max.poll.interval.ms: the member is put out of its group, the commit
        // that follows is refused (CommitFailedException), and the event comes again after the rejoin
        Set<String> ledger = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        AtomicBoolean slowOnce = new AtomicBoolean(true);
        start(() -> {
            Properties p = KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), name);
            p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "1500");
            return new KafkaConsumer<>(p);
        }, event -> {
            deliveries.computeIfAbsent(event.subject(), k -> new AtomicInteger()).incrementAndGet();
            if (slowOnce.getAndSet(false)) {
                // outlast max.poll.interval.ms: hold the event until the broker has put the member out of its group
                await().atMost(Duration.ofSeconds(30)).until(() -> groupHasNoMembers(name));
            }
            if (ledger.add(event.id())) {
                handled.add(event.subject());
            }
        });

        send("slow");
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.contains("slow"));
        send("after");

        await().atMost(Duration.ofSeconds(60)).until(() -> handled.contains("after"));
        assertThat(handled).containsExactly("slow", "after");
        // its offset was never committed: delivered again after the rejoin, and the ledger skipped it
        assertThat(deliveries.get("slow").get()).isEqualTo(2);
        assertThat(loop.status().running()).isTrue();
    }

    private static boolean groupHasNoMembers(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafka.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get(10, TimeUnit.SECONDS)
                    .members().isEmpty();
        }
    }

    @Test
    void stopEndsTheLoopEvenWhileItWaitsToRestartAndStartsNoNewConsumer() throws Exception {
        AtomicInteger created = new AtomicInteger();
        start(() -> {
            created.incrementAndGet();
            return new KafkaConsumer<>(KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), name),
                    new StringDeserializer(), new FlakyDeserializer(new AtomicInteger(Integer.MAX_VALUE)));
        }, event -> handled.add(event.subject()));
        send("never");
        await().atMost(Duration.ofSeconds(60)).until(() -> loop.status().restarts() >= 1);

        loop.stop(Duration.ofSeconds(10));
        loopThread.join(10_000);

        // the loop is over: no restart comes after the stop
        assertThat(loopThread.isAlive()).isFalse();
        assertThat(loop.status().running()).isFalse();
        int afterStop = created.get();
        send("after-stop");
        assertThat(created.get()).isEqualTo(afterStop);
        assertThat(handled).isEmpty();
        loop = null;
    }

    @Test
    void theLagIsAGaugeThatFallsToZeroOnceTheConsumerCatchesUp() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicBoolean databaseDown = new AtomicBoolean(true);
        start(event -> {
            if (databaseDown.get()) {
                throw new RuntimeException(new SQLTransientConnectionException("database is restarting"));
            }
            handled.add(event.subject());
        });
        ConsumerSupervision.bind(registry, name, loop.status());
        for (int i = 0; i < 5; i++) {
            send("e" + i);
        }
        // the events wait for the database: the loop keeps polling and its probe sees them all behind
        await().atMost(Duration.ofSeconds(60)).until(() -> gauge(registry, "grid_consumer_lag") == 5);
        // per partition: each of the topic's three partitions, the one every event went to (one key) holding all 5
        assertThat(partitionLags(registry)).containsOnlyKeys(topic + "/0", topic + "/1", topic + "/2")
                .containsValue(5.0).values().filteredOn(lag -> lag != 5.0).containsOnly(0.0);
        assertThat(gauge(registry, "grid_consumer_running")).isEqualTo(1);
        assertThat(gauge(registry, "grid_consumer_last_poll_age_seconds")).isBetween(0.0, 30.0);
        assertThat(gauge(registry, "grid_consumer_last_contact_age_seconds")).isBetween(0.0, 30.0);
        assertThat(gauge(registry, "grid_consumer_restarts_total")).isZero();

        databaseDown.set(false);
        await().atMost(Duration.ofSeconds(60)).until(() -> gauge(registry, "grid_consumer_lag") == 0);
        assertThat(partitionLags(registry)).hasSize(3).values().containsOnly(0.0);
        assertThat(handled).hasSize(5);
        loop.stop(Duration.ofSeconds(10));
        assertThat(gauge(registry, "grid_consumer_running")).isZero();
        loop = null;
    }

    /** The value of a consumer's series in the Prometheus scrape, as an operator would read it. */
    private double gauge(PrometheusMeterRegistry registry, String metric) {
        String prefix = metric + "{consumer=\"" + name + "\",} ";
        return registry.scrape().lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(prefix.length())))
                .orElseThrow(() -> new AssertionError(metric + " not in the scrape:\n" + registry.scrape()));
    }

    /** This consumer's grid_consumer_partition_lag series in the scrape, by "topic/partition". */
    private Map<String, Double> partitionLags(PrometheusMeterRegistry registry) {
        Pattern series = Pattern.compile("grid_consumer_partition_lag\\{consumer=\"" + Pattern.quote(name)
                + "\",partition=\"(\\d+)\",topic=\"([^\"]+)\",} (\\S+)");
        Map<String, Double> lags = new HashMap<>();
        registry.scrape().lines().map(series::matcher).filter(Matcher::matches)
                .forEach(m -> lags.put(m.group(2) + "/" + m.group(1), Double.parseDouble(m.group(3))));
        return lags;
    }

    /** Throws instead of reading a value while {@code failuresLeft} lasts, then reads strings. */
    private record FlakyDeserializer(AtomicInteger failuresLeft) implements Deserializer<String> {
        @Override
        public String deserialize(String topic, byte[] data) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("cannot read this record");
            }
            return data == null ? null : new String(data, StandardCharsets.UTF_8);
        }
    }

    private void start(EventConsumerLoop.Processor processor) {
        start(() -> new KafkaConsumer<>(KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), name)), processor);
    }

    private void start(Supplier<Consumer<String, String>> consumers, EventConsumerLoop.Processor processor) {
        loop = new EventConsumerLoop(name, consumers, producer, List.of(topic), codec, processor,
                new EventConsumerLoop.Settings(3, Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofSeconds(1),
                        Duration.ofSeconds(2)));
        loopThread = new Thread(loop, "test-loop");
        loopThread.setDaemon(true);
        loopThread.start();
    }

    private void send(String subject) throws Exception {
        CloudEvent event = codec.wrap("/test", new GridNodeCreatedV1(subject, null, "/" + subject + "/", "GRID",
                subject, subject), UUID.randomUUID(), OffsetDateTime.now());
        producer.send(new ProducerRecord<>(topic, "k", codec.write(event))).get();
    }

    private static List<ConsumerRecord<String, String>> read(String topic, int expected) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), "reader-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 5_000;
            while (received.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        return received;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
