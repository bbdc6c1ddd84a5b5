package cn.grid.bench;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A closed-loop load: {@code concurrency} clients, each sending its next call as soon as the last one answered, until
 * {@code requests} calls were made. Each call's latency is kept, so percentiles are exact rather than estimated.
 */
public final class ClosedLoop {

    private ClosedLoop() {
    }

    /**
     * One run's timings.
     *
     * @param nanos      every call's latency, sorted
     * @param firstError what went wrong first, or null
     */
    public record Timings(String name, int requests, int errors, double seconds, long[] nanos, String firstError) {

        /** The {@code p}th percentile latency in milliseconds (nearest rank). */
        public double percentile(double p) {
            return nanos[Math.min(nanos.length - 1, Math.max(0, (int) Math.ceil(p / 100 * nanos.length) - 1))] / 1e6;
        }

        public double perSecond() {
            return requests / seconds;
        }
    }

    /** One prepared call: sends it and answers null on success, else what went wrong. Only this part is timed. */
    @FunctionalInterface
    public interface Call {
        String send();
    }

    /**
     * Makes {@code requests} calls from {@code concurrency} threads, each prepared by {@code prepare} (not timed: it
     * may pick ids or set state up) and then sent (timed); waits at most {@code maxMinutes} for the run to end. A call
     * that cannot be prepared counts as an error with no latency.
     */
    public static Timings run(String name, int requests, int concurrency, long maxMinutes, Supplier<Call> prepare)
            throws InterruptedException {
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < requests; ) {
                    Call call;
                    try {
                        call = prepare.get();
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, "preparing the request: " + e);
                        continue;
                    }
                    long t0 = System.nanoTime();
                    String error;
                    try {
                        error = call.send();
                    } catch (RuntimeException e) {
                        error = String.valueOf(e);
                    }
                    nanos[i] = System.nanoTime() - t0;
                    if (error != null) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(maxMinutes, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException(name + ": not done within " + maxMinutes + " minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        return new Timings(name, requests, errors.get(), seconds, nanos, firstError.get());
    }
}
