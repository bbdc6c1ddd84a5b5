package cn.grid.platform.outbox;

import cn.grid.platform.metrics.SampledValue;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * What the outbox tells an operator, one series per instance (tag {@code topic}, the service's event topic):
 *
 * <ul>
 *   <li>{@code grid_outbox_backlog}: rows written but not yet on Kafka (the whole table's, so every instance
 *       reports the same figure: aggregate with {@code max}, not {@code sum});</li>
 *   <li>{@code grid_outbox_oldest_unsent_age_seconds}: how long the oldest of them has waited (0 when none) — the
 *       delay every consumer sees, whatever the backlog's size;</li>
 *   <li>{@code grid_outbox_relay_up}: 1 while this instance's relay thread runs and has not been failing for
 *       longer than {@code grid.outbox.health-tolerance} (the same judgement as {@code /q/health/well}), else 0;</li>
 *   <li>{@code grid_outbox_published_total}, {@code grid_outbox_relay_failures_total}: events this instance put on
 *       Kafka, and relay rounds that failed.</li>
 * </ul>
 *
 * The two table figures come from one query on the unsent rows' partial index, run in the background every
 * {@code grid.outbox.metrics-interval} (5 s), however often the instance is scraped ({@link SampledValue}).
 */
@ApplicationScoped
public class OutboxMetrics {

    private final Instance<MeterRegistry> registry;
    private final AgroalDataSource dataSource;
    private final OutboxRelayRunner relay;
    private final Duration tolerance;
    private final Duration interval;
    private SampledValue<Backlog> backlog;

    public OutboxMetrics(Instance<MeterRegistry> registry, AgroalDataSource dataSource, OutboxRelayRunner relay,
            OutboxConfig config) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.relay = relay;
        this.tolerance = config.healthTolerance();
        this.interval = config.metricsInterval();
    }

    void onStart(@Observes StartupEvent event) {
        // a service without the micrometer extension still relays; it only has no outbox metrics
        if (registry.isResolvable()) {
            backlog = bind(registry.get(), dataSource, relay.topic(), relay.status(), relay::relaying, tolerance,
                    interval);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (backlog != null) {
            backlog.stop();
        }
    }

    /** The unsent rows: how many, and the age of the oldest in seconds (0 when none). */
    record Backlog(long rows, double oldestAgeSeconds) {
    }

    /** Registers the outbox's meters; returns the backlog's sampling, to stop at shutdown. */
    static SampledValue<Backlog> bind(MeterRegistry registry, DataSource dataSource, String topic,
            RelayStatus status, BooleanSupplier relaying, Duration tolerance, Duration interval) {
        Tags tags = Tags.of("topic", topic);
        SampledValue<Backlog> backlog = SampledValue.every("the outbox backlog", interval, () -> backlog(dataSource));
        Gauge.builder("grid.outbox.backlog", backlog, b -> {
                    Backlog now = b.get();
                    return now == null ? Double.NaN : now.rows();
                })
                .description("Outbox rows not yet published to Kafka (the table's, the same on every instance)")
                .tags(tags).register(registry);
        Gauge.builder("grid.outbox.oldest.unsent.age", backlog, b -> {
                    Backlog now = b.get();
                    return now == null ? Double.NaN : now.oldestAgeSeconds();
                })
                .description("Seconds the oldest unpublished outbox row has waited (0 when none waits)")
                .baseUnit("seconds").tags(tags).register(registry);
        Gauge.builder("grid.outbox.relay.up", status,
                        s -> relaying.getAsBoolean() && !s.stuck(Instant.now(), tolerance) ? 1 : 0)
                .description("1 while this instance's outbox relay runs and is not stuck failing, else 0")
                .tags(tags).register(registry);
        FunctionCounter.builder("grid.outbox.published", status, RelayStatus::published)
                .description("Events this instance's relay published to Kafka")
                .tags(tags).register(registry);
        FunctionCounter.builder("grid.outbox.relay.failures", status, RelayStatus::failures)
                .description("Relay rounds that failed (Kafka or the database away); the relay backs off and retries")
                .tags(tags).register(registry);
        return backlog;
    }

    private static Backlog backlog(DataSource dataSource) throws Exception {
        // the database's clock on both sides: the rows' created_at is the database's now() at insert
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("""
                        select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)
                        from outbox_event where sent_at is null""")) {
            r.next();
            return new Backlog(r.getLong(1), Math.max(0, r.getDouble(2)));
        }
    }
}
