package cn.grid.bench.notify;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankOverSortedSignedValues() {
        // 100..1 ms, the 100 replaced by a negative one (a message that overtook its command's answer): -2, 1..99
        long[] nanos = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000_000L).toArray();
        nanos[0] = -2_000_000L;
        Latencies l = Latencies.of("x", nanos, 3);

        assertThat(l.samples()).isEqualTo(100);
        assertThat(l.missing()).isEqualTo(3);
        assertThat(l.percentile(50)).isEqualTo(49.0);
        assertThat(l.percentile(99)).isEqualTo(98.0);
        assertThat(l.percentile(0)).isEqualTo(-2.0);
        assertThat(l.maxMillis()).isEqualTo(99.0);
    }

    @Test
    void oneSampleIsEveryPercentileAndNoneIsNaN() {
        assertThat(Latencies.of("one", List.of(7_000_000L), 0).percentile(99)).isEqualTo(7.0);
        assertThat(Latencies.of("none", new long[0], 5).percentile(50)).isNaN();
        assertThat(Latencies.of("none", new long[0], 5).maxMillis()).isNaN();
    }
}
