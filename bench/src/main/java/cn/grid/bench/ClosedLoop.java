package cn.grid.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

    /**
     * Prints each run's p50, p99, rate and errors, and its p50 and p99 as ratios of the first run (the baseline, as
     * bench/README.md asks: ratios measured in one run), then the first error of each run that had one.
     */
    public static void printAgainstBaseline(String header, List<Timings> results, int nameWidth) {
        Timings baseline = results.get(0);
        System.out.printf("%n%s%n", header);
        System.out.printf("%-" + nameWidth + "s %9s %9s %9s %10s %10s %7s%n", "scenario", "p50 ms", "p99 ms", "req/s",
                "p50/base", "p99/base", "errors");
        for (Timings r : results) {
            System.out.printf(Locale.ROOT, "%-" + nameWidth + "s %9.2f %9.2f %9.1f %10.2f %10.2f %7d%n", r.name(),
                    r.percentile(50), r.percentile(99), r.perSecond(), r.percentile(50) / baseline.percentile(50),
                    r.percentile(99) / baseline.percentile(99), r.errors());
        }
        for (Timings r : results) {
            if (r.firstError() != null) {
                System.out.printf("first error of '%s': %s%n", r.name(), r.firstError());
            }
        }
    }
}
