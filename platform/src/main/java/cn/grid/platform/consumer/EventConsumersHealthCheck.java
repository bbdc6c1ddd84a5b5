package cn.grid.platform.consumer;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether every event consumer of this instance is consuming, on {@code /q/health/well} and {@code /q/health} —
 * deliberately not on readiness, for the reason the outbox relay's check gives: a consumer that cannot consume
 * (mostly: the broker is away) does not stop the instance from answering its API from its own tables, and every
 * instance shares the broker, so readiness DOWN would take all of them out of the gateway's rotation at once and
 * turn a stale read model into an outage. The loop restarts its KafkaConsumer itself; this check (and the
 * {@code grid_consumer_*} metrics) make a consumer that still is not consuming visible to whoever is on call.
 */
@Wellness
@ApplicationScoped
public class EventConsumersHealthCheck implements HealthCheck {

    private final ConsumerSupervision supervision;
    private final Duration tolerance;

    public EventConsumersHealthCheck(ConsumerSupervision supervision,
            ConsumerConfig config) {
        this.supervision = supervision;
        this.tolerance = config.healthTolerance();
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, ConsumerStatus> statuses = new LinkedHashMap<>();
        supervision.loops().forEach(loop -> statuses.put(loop.name(), loop.status()));
        return describe(statuses, Instant.now(), tolerance);
    }

    static HealthCheckResponse describe(Map<String, ConsumerStatus> statuses, Instant now, Duration tolerance) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event consumers");
        boolean up = true;
        for (Map.Entry<String, ConsumerStatus> consumer : statuses.entrySet()) {
            ConsumerStatus status = consumer.getValue();
            String stuck = status.stuck(now, tolerance);
            up &= stuck == null;
            response.withData(consumer.getKey(), stuck == null ? "consuming, lag " + status.lag() : stuck);
        }
        return response.status(up).build();
    }
}
