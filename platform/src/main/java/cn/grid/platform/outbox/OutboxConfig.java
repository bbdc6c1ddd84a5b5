package cn.grid.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** {@code grid.outbox.*}: the relay that moves committed {@code outbox_event} rows to Kafka. */
@ConfigMapping(prefix = "grid.outbox")
public interface OutboxConfig {

    /**
     * Whether this instance relays at all. Off only in tests that drive the relay themselves, or for an instance
     * that must never publish; the events then wait in the outbox for an instance that does.
     */
    @WithDefault("true")
    boolean enabled();

    /** Rows a relay pass reads and sends per shard in one transaction: larger drains a backlog in fewer trips. */
    @WithDefault("200")
    @Min(1)
    @Max(10000)
    int batchSize();

    /**
     * How often the relay looks at the outbox without a {@code NOTIFY outbox_event}: the back-up for a lost
     * notification or a broken listening connection, so the worst added latency of an event.
     */
    @WithDefault("PT0.5S")
    @DurationMin(millis = 10)
    Duration pollInterval();

    /** The longest wait between attempts while Kafka refuses the events (the back-off doubles up to it). */
    @WithDefault("PT5S")
    @DurationMin(millis = 10)
    Duration maxBackoff();

    /** How long sent rows are kept (for inspection and replays by hand) before the relay purges them. */
    @WithDefault("P7D")
    @DurationMin(minutes = 1)
    Duration retention();

    /**
     * How long the relay may go without a successful pass while events wait before the wellness check
     * ({@code /q/health/well}) reports it stuck; not readiness: the service still takes writes while Kafka is away.
     */
    @WithDefault("PT30S")
    @DurationMin(seconds = 1)
    Duration healthTolerance();

    /**
     * How often each instance counts the outbox's backlog and the age of its oldest unsent row for the metrics
     * ({@code grid_outbox_backlog}, {@code grid_outbox_oldest_unsent_age_seconds}): in the background, so a scrape
     * never waits for a query.
     */
    @WithDefault("PT5S")
    @DurationMin(millis = 10)
    Duration metricsInterval();
}
