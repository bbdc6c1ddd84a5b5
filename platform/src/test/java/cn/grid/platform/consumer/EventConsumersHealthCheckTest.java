package cn.grid.platform.consumer;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventConsumersHealthCheckTest {

    static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
    static final Duration TOLERANCE = Duration.ofSeconds(30);

    private static ConsumerStatus consuming() {
        ConsumerStatus status = new ConsumerStatus(T0);
        status.sessionStarted(T0);
        status.polled(T0.plusSeconds(1));
        status.probed(T0.plusSeconds(1), Map.of(new TopicPartition("t", 0), 4L, new TopicPartition("t", 1), 3L), true);
        return status;
    }

    private static HealthCheckResponse check(Instant now, ConsumerStatus... statuses) {
        Map<String, ConsumerStatus> byName = new LinkedHashMap<>();
        for (int i = 0; i < statuses.length; i++) {
            byName.put("consumer-" + i, statuses[i]);
        }
        return EventConsumersHealthCheck.describe(byName, now, TOLERANCE);
    }

    @Test
    void aConsumingConsumerIsUpWithItsLag() {
        HealthCheckResponse response = check(T0.plusSeconds(2), consuming());
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("consumer-0", "consuming, lag 7");
    }

    @Test
    void failingCommitsOrProbesAreDownOnlyAfterTheTolerance() {
        ConsumerStatus status = consuming();
        status.failed(T0.plusSeconds(2), "offset commit failed: TimeoutException");
        status.polled(T0.plusSeconds(30));
        assertThat(check(T0.plusSeconds(30), status).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        status.polled(T0.plusSeconds(40));
        ConsumerStatus healthy = consuming();
        healthy.polled(T0.plusSeconds(40));
        HealthCheckResponse down = check(T0.plusSeconds(40), healthy, status);
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData().orElseThrow()).containsEntry("consumer-0", "consuming, lag 7")
                .containsEntry("consumer-1", "failing since 2026-12-07T01:00:02Z: offset commit failed: TimeoutException");
        status.probed(T0.plusSeconds(41), Map.of(), false);
        assertThat(check(T0.plusSeconds(41), status).getStatus()).as("commits still pending")
                .isEqualTo(HealthCheckResponse.Status.DOWN);
        status.contact(T0.plusSeconds(42));
        assertThat(check(T0.plusSeconds(42), status).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aConsumerThatEndedIsDownUnlessItsRestartIsUnderWay() {
        ConsumerStatus status = consuming();
        status.sessionEnded(T0.plusSeconds(5), "IllegalStateException: boom");
        assertThat(status.restarts()).isEqualTo(1);
        assertThat(check(T0.plusSeconds(20), status).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(check(T0.plusSeconds(36), status).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        status.sessionStarted(T0.plusSeconds(37));
        status.polled(T0.plusSeconds(37));
        status.probed(T0.plusSeconds(37), Map.of(new TopicPartition("t", 0), 3L), true);
        assertThat(check(T0.plusSeconds(38), status).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aLoopThatStopsPollingIsDown() {
        ConsumerStatus status = consuming();
        assertThat(check(T0.plusSeconds(31), status).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        HealthCheckResponse stuck = check(T0.plusSeconds(32), status);
        assertThat(stuck.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(stuck.getData().orElseThrow()).containsEntry("consumer-0", "no poll since 2026-12-07T01:00:01Z");
    }

    @Test
    void aConsumerThatNeverStartedIsDownAfterTheTolerance() {
        ConsumerStatus status = new ConsumerStatus(T0);
        assertThat(check(T0.plusSeconds(10), status).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(check(T0.plusSeconds(31), status).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void noConsumersIsUp() {
        assertThat(check(T0).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
