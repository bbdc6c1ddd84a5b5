package cn.grid.bench.notify;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenLoopTest {

    @Test
    void eventIIsDueAtIOverTheRate() {
        assertThat(OpenLoop.dueNanos(0, 5)).isZero();
        assertThat(OpenLoop.dueNanos(5, 5)).isEqualTo(1_000_000_000L);
        assertThat(OpenLoop.dueNanos(3, 200)).isEqualTo(15_000_000L);
    }

    @Test
    void everyEventRunsOnceAndAFailingOneIsCountedNotFatal() throws Exception {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        OpenLoop loop = new OpenLoop(2000, 40, 4, i -> {
            ran.add(i);
            if (i == 7) {
                throw new IllegalStateException("no answer");
            }
        }).start();
        loop.awaitDone(30);

        assertThat(ran).hasSize(40);
        assertThat(loop.startedCount()).isEqualTo(40);
        assertThat(loop.failures()).isEqualTo(1);
        assertThat(loop.firstFailure()).contains("no answer");
    }

    @Test
    void aRateOfZeroIsRefused() {
        assertThatThrownBy(() -> new OpenLoop(0, 1, 1, i -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
