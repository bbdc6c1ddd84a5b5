package cn.grid.bench.faults;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting: the harness paces its own load and faults; what it can poll it polls with a deadline. */
public final class Pace {

    private Pace() {
    }

    public static void awaitTrue(String what, Duration atMost, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            pause(Duration.ofMillis(100));
        }
    }

    /** The load's and the faults' own rhythm (a round of 30 s of outage), not a wait for a result. */
    public static void pause(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
