package cn.grid.platform.outbox;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRelayHealthCheckTest {

    static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");
    static final Duration TOLERANCE = Duration.ofSeconds(30);

    @Test
    void aBlipWithinTheToleranceStaysUpAndSaysWhatFailed() {
        RelayStatus status = new RelayStatus();
        status.succeeded(T0, 0);
        status.failed(T0.plusSeconds(1), "Timeout expired while fetching topic metadata");
        status.failed(T0.plusSeconds(20), "still no broker");
        HealthCheckResponse response = OutboxRelayHealthCheck.describe(status, T0.plusSeconds(30), TOLERANCE);
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow())
                .containsEntry("failingSince", T0.plusSeconds(1).toString())
                .containsEntry("lastError", "still no broker");
    }

    @Test
    void failingLongerThanTheToleranceIsDownUntilTheNextSuccess() {
        RelayStatus status = new RelayStatus();
        status.failed(T0, "broker down");
        assertThat(OutboxRelayHealthCheck.describe(status, T0.plusSeconds(31), TOLERANCE).getStatus())
                .isEqualTo(HealthCheckResponse.Status.DOWN);
        status.succeeded(T0.plusSeconds(40), 0);
        HealthCheckResponse back = OutboxRelayHealthCheck.describe(status, T0.plusSeconds(41), TOLERANCE);
        assertThat(back.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(back.getData().orElseThrow()).doesNotContainKey("failingSince");
    }
}
