package cn.grid.notification.app.webhook;

import cn.grid.notification.domain.webhook.DeliveryStatus;
import cn.grid.notification.persistence.WebhookStore;
import cn.grid.platform.metrics.LatencyHistograms;
import cn.grid.platform.metrics.SampledValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.Map;

/**
 * {@code grid_webhook_attempts_total{outcome}} (succeeded, retrying — failed, another attempt is scheduled —,
 * failed — the schedule is used up), {@code grid_webhook_attempt_duration_seconds{outcome}} and
 * {@code grid_webhook_deliveries{status}} (the table's rows per status, sampled every 5 s in the background: the
 * backlog is the PENDING ones).
 */
@ApplicationScoped
public class WebhookMetrics {

    public enum Outcome {
        SUCCEEDED, RETRYING, FAILED
    }

    private final MeterRegistry registry;
    private final WebhookStore store;
    private SampledValue<Map<DeliveryStatus, Long>> backlog;

    public WebhookMetrics(MeterRegistry registry, WebhookStore store) {
        this.registry = registry;
        this.store = store;
    }

    void onStart(@Observes StartupEvent event) {
        backlog = SampledValue.every("the webhook deliveries per status", Duration.ofSeconds(5), store::countByStatus);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            Gauge.builder("grid.webhook.deliveries", backlog, b -> {
                        Map<DeliveryStatus, Long> now = b.get();
                        return now == null ? Double.NaN : now.getOrDefault(status, 0L);
                    })
                    .description("Webhook deliveries per status (all instances' table); PENDING is the backlog")
                    .tag("status", status.name()).register(registry);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (backlog != null) {
            backlog.stop();
        }
    }

    void attempted(Outcome outcome, Duration took) {
        String tag = outcome.name().toLowerCase(java.util.Locale.ROOT);
        Counter.builder("grid.webhook.attempts").description("Webhook POSTs by outcome")
                .tag("outcome", tag).register(registry).increment();
        Timer.builder("grid.webhook.attempt.duration").description("How long a webhook POST took, by outcome")
                .serviceLevelObjectives(LatencyHistograms.SLOS).tag("outcome", tag).register(registry).record(took);
    }
}
