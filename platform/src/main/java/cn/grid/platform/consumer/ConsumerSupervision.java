package cn.grid.platform.consumer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The consumers this instance runs, for the health check and the metrics, and the settings their loops retry by.
 *
 * <p>Metrics, one series per consumer (tag {@code consumer}, the consumer group's name):
 * {@code grid_consumer_lag} (records behind the end of the partitions this instance holds, as of the last probe;
 * -1 before the first), {@code grid_consumer_running} (1 while a KafkaConsumer is consuming, 0 between a failure
 * and its restart), {@code grid_consumer_restarts_total}, {@code grid_consumer_last_poll_age_seconds} and
 * {@code grid_consumer_last_contact_age_seconds} (since the last poll returned, and since the broker last answered
 * a commit or a probe; -1 when never), {@code grid_consumer_dead_lettered_total} (events written to
 * {@code <consumer>.dlt}), and {@code grid_consumer_partition_lag{consumer, topic, partition}} (the lag of each
 * partition this instance held at the last probe; a partition that moved to another instance leaves this one's
 * scrape, so {@code sum by (consumer, topic, partition)} over instances is the group's lag per partition).
 */
@ApplicationScoped
public class ConsumerSupervision {

    private final Instance<MeterRegistry> registry;
    private final Duration commitTimeout;
    private final Duration probeInterval;
    private final Duration maxRestartBackoff;
    private final List<EventConsumerLoop> loops = new CopyOnWriteArrayList<>();

    public ConsumerSupervision(Instance<MeterRegistry> registry,
            ConsumerConfig config) {
        this.registry = registry;
        this.commitTimeout = config.commitTimeout();
        this.probeInterval = config.probeInterval();
        this.maxRestartBackoff = config.maxRestartBackoff();
    }

    EventConsumerLoop.Settings settings(int maxAttempts) {
        return new EventConsumerLoop.Settings(maxAttempts, Duration.ofSeconds(5), commitTimeout, probeInterval,
                maxRestartBackoff);
    }

    /** Watches a started loop: health and metrics. */
    void watch(EventConsumerLoop loop) {
        loops.add(loop);
        // a service without the micrometer extension still consumes; it only has no consumer metrics
        if (registry.isResolvable()) {
            bind(registry.get(), loop.name(), loop.status());
        }
    }

    public List<EventConsumerLoop> loops() {
        return List.copyOf(loops);
    }

    static void bind(MeterRegistry registry, String consumer, ConsumerStatus status) {
        Tags tags = Tags.of("consumer", consumer);
        Gauge.builder("grid.consumer.lag", status, ConsumerStatus::lag)
                .description("Records behind the end of the partitions this instance consumes (last probe)")
                .tags(tags).register(registry);
        Gauge.builder("grid.consumer.running", status, s -> s.running() ? 1 : 0)
                .description("1 while the consumer's KafkaConsumer runs, 0 while it is down or being restarted")
                .tags(tags).register(registry);
        FunctionCounter.builder("grid.consumer.restarts", status, ConsumerStatus::restarts)
                .description("KafkaConsumers replaced after they ended unexpectedly")
                .tags(tags).register(registry);
        Gauge.builder("grid.consumer.last.poll.age", status, s -> age(s.lastPoll()))
                .description("Seconds since the consumer's last poll returned (-1: never)")
                .baseUnit("seconds").tags(tags).register(registry);
        Gauge.builder("grid.consumer.last.contact.age", status, s -> age(s.lastContact()))
                .description("Seconds since the broker last answered the consumer's commit or probe (-1: never)")
                .baseUnit("seconds").tags(tags).register(registry);
        FunctionCounter.builder("grid.consumer.dead.lettered", status, ConsumerStatus::deadLetteredCount)
                .description("Events the consumer wrote to its dead-letter topic (<consumer>.dlt)")
                .tags(tags).register(registry);
        MultiGauge partitionLag = MultiGauge.builder("grid.consumer.partition.lag")
                .description("Records behind the end of each partition this instance consumes (last probe)")
                .tags(tags).register(registry);
        status.onPartitionLags(lags -> partitionLag.register(lags.entrySet().stream()
                .map(lag -> MultiGauge.Row.of(Tags.of("topic", lag.getKey().topic(),
                        "partition", Integer.toString(lag.getKey().partition())), lag.getValue()))
                .toList(), true));
    }

    private static double age(Instant at) {
        return at == null ? -1 : Duration.between(at, Instant.now()).toMillis() / 1000.0;
    }
}
