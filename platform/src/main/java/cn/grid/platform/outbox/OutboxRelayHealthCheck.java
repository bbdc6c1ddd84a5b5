package cn.grid.platform.outbox;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the outbox reaches Kafka, on {@code /q/health/well} and {@code /q/health} — deliberately not on
 * readiness: while Kafka is away the service still takes every write (the events wait in the outbox), so taking
 * its instances out of rotation would turn a broker outage into an outage of the whole API.
 */
@Wellness
@ApplicationScoped
public class OutboxRelayHealthCheck implements HealthCheck {

    private final OutboxRelayRunner relay;
    private final Duration tolerance;

    public OutboxRelayHealthCheck(OutboxRelayRunner relay,
            OutboxConfig config) {
        this.relay = relay;
        this.tolerance = config.healthTolerance();
    }

    @Override
    public HealthCheckResponse call() {
        return describe(relay.status(), Instant.now(), tolerance);
    }

    static HealthCheckResponse describe(RelayStatus status, Instant now, Duration tolerance) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox relay")
                .status(!status.stuck(now, tolerance));
        if (status.lastSuccess() != null) {
            response.withData("lastSuccess", status.lastSuccess().toString());
        }
        if (status.failingSince() != null) {
            response.withData("failingSince", status.failingSince().toString());
            response.withData("lastError", String.valueOf(status.lastError()));
        }
        return response.build();
    }
}
