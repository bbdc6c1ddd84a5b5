package cn.grid.platform.consumer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** {@code grid.consumer.*}: the idempotent Kafka consumers every service runs ({@link EventConsumers}). */
@ConfigMapping(prefix = "grid.consumer")
public interface ConsumerConfig {

    /**
     * Attempts of an event whose handler fails (not a database outage, which is waited out) before it goes to
     * the consumer's dead-letter topic {@code <group>.dlt} and consumption goes on.
     */
    @WithDefault("3")
    @Min(1)
    @Max(100)
    int maxAttempts();

    /** How long one offset commit (and one probe) may block before it is left for the next round. */
    @WithDefault("PT10S")
    @DurationMin(millis = 100)
    Duration commitTimeout();

    /** How often the loop asks the broker for its partitions' end offsets: the {@code grid_consumer_lag} gauge, and contact. */
    @WithDefault("PT5S")
    @DurationMin(millis = 100)
    Duration probeInterval();

    /** The longest wait before a KafkaConsumer that ended unexpectedly is replaced (the back-off doubles up to it). */
    @WithDefault("PT30S")
    @DurationMin(millis = 100)
    Duration maxRestartBackoff();

    /**
     * How long a consumer may be down or not polling before the wellness check ({@code /q/health/well}) reports
     * it; not readiness: a stale read model must not take the service's API out of rotation.
     */
    @WithDefault("PT30S")
    @DurationMin(seconds = 1)
    Duration healthTolerance();
}
