package cn.grid.notification.webhook;

import cn.grid.notification.domain.webhook.EventTypePatterns;
import cn.grid.notification.domain.webhook.RetrySchedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAndPatternsTest {

    private static final Set<String> KNOWN = Set.of("cn.grid.request.dispatched.v1", "cn.grid.request.resolved.v1",
            "cn.grid.study.month.closed.v1");

    @Test
    void theScheduleWaitsInTurnWithJitterAndEnds() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)), 0.2);

        assertThat(schedule.maxAttempts()).isEqualTo(3);
        assertThat(schedule.next(1, () -> 0.5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.next(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(schedule.next(2, () -> 1.0)).isEqualTo(Duration.ofMinutes(6));
        assertThat(schedule.next(3, () -> 0.5)).isNull();
    }

    @Test
    void theDefaultScheduleSpansMoreThanADay() {
        List<Duration> defaults = List.of(Duration.parse("PT5S"), Duration.parse("PT5M"), Duration.parse("PT30M"),
                Duration.parse("PT2H"), Duration.parse("PT5H"), Duration.parse("PT10H"), Duration.parse("PT10H"));
        Duration total = defaults.stream().reduce(Duration.ZERO, Duration::plus);
        // with the largest jitter shortening every wait by 20 %, still over 24 h
        assertThat(total.multipliedBy(8).dividedBy(10)).isGreaterThan(Duration.ofHours(22));
        assertThat(total).isGreaterThan(Duration.ofHours(27));
    }

    @Test
    void patternsAreKnownTypesOrPrefixesOfThem() {
        assertThat(EventTypePatterns.problem("cn.grid.request.dispatched.v1", KNOWN)).isNull();
        assertThat(EventTypePatterns.problem("cn.grid.request.*", KNOWN)).isNull();
        assertThat(EventTypePatterns.problem("cn.grid.*", KNOWN)).isNull();
        assertThat(EventTypePatterns.problem("cn.grid.request.exploded.v1", KNOWN)).contains("unknown");
        assertThat(EventTypePatterns.problem("cn.grid.parcel.*", KNOWN)).contains("no event type");
        assertThat(EventTypePatterns.problem("cn.*.request.*", KNOWN)).isNotNull();
        assertThat(EventTypePatterns.problem(" ", KNOWN)).isNotNull();

        assertThat(EventTypePatterns.matches(List.of("cn.grid.request.*"), "cn.grid.request.resolved.v1")).isTrue();
        assertThat(EventTypePatterns.matches(List.of("cn.grid.request.*"), "cn.grid.study.month.closed.v1")).isFalse();
        assertThat(EventTypePatterns.matches(List.of("cn.grid.study.month.closed.v1"),
                "cn.grid.study.month.closed.v1")).isTrue();
    }
}
