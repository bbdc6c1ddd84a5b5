package cn.grid.bench;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClosedLoopTest {

    @Test
    void everyCallIsMadeOnceAndFailuresAreCountedWithTheFirstKept() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        ClosedLoop.Timings t = ClosedLoop.run("calls", 100, 4, 1, () -> () -> {
            int n = sent.incrementAndGet();
            return n % 10 == 0 ? "failed " + n : null;
        });
        assertThat(sent.get()).isEqualTo(100);
        assertThat(t.requests()).isEqualTo(100);
        assertThat(t.errors()).isEqualTo(10);
        assertThat(t.firstError()).startsWith("failed ");
        assertThat(t.nanos()).hasSize(100).isSorted();
    }

    @Test
    void aCallThatCannotBePreparedIsAnErrorAndIsNotSent() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        ClosedLoop.Timings t = ClosedLoop.run("unprepared", 5, 1, 1, () -> {
            throw new IllegalStateException("no session left");
        });
        assertThat(sent.get()).isZero();
        assertThat(t.errors()).isEqualTo(5);
        assertThat(t.firstError()).isEqualTo("preparing the request: java.lang.IllegalStateException: no session left");
    }

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (i + 1) * 1_000_000L;
        }
        ClosedLoop.Timings t = new ClosedLoop.Timings("ranks", 100, 0, 2.0, nanos, null);
        assertThat(t.percentile(50)).isCloseTo(50.0, within(1e-9));
        assertThat(t.percentile(99)).isCloseTo(99.0, within(1e-9));
        assertThat(t.percentile(0)).isCloseTo(1.0, within(1e-9));
        assertThat(t.perSecond()).isCloseTo(50.0, within(1e-9));
    }
}
