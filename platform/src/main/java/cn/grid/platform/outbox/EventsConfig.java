package cn.grid.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** {@code grid.events.*}: what a service publishes its events as, and where to. */
@ConfigMapping(prefix = "grid.events")
public interface EventsConfig {

    /**
     * The Kafka topic the service's outbox relays to (one topic per producing service: {@code grid.events},
     * {@code request.events}, {@code study.events}); consumers of other services subscribe to it by name.
     */
    @NotBlank
    String topic();

    /** The CloudEvents {@code source} of every event the service writes ({@code /request-service}). */
    @NotBlank
    String source();

    /**
     * Partitions of the topic when the relay has to create it at start (an existing topic is left as it is).
     * Per-aggregate order holds for any count; more partitions let more consumer instances share the work.
     */
    @WithDefault("3")
    @Min(1)
    @Max(1000)
    int partitions();
}
