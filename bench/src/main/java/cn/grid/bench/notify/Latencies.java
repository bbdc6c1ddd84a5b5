package cn.grid.bench.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One path's latencies (signed nanoseconds, sorted) and how many samples never arrived; percentiles by nearest rank,
 * as {@link cn.grid.bench.ClosedLoop.Timings} takes them.
 */
public record Latencies(String name, long[] nanos, int missing) {

    public static Latencies of(String name, long[] nanos, int missing) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(name, sorted, missing);
    }

    public static Latencies of(String name, List<Long> nanos, int missing) {
        return of(name, nanos.stream().mapToLong(Long::longValue).toArray(), missing);
    }

    /** The {@code p}th percentile in milliseconds, NaN without samples. */
    public double percentile(double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        return nanos[Math.min(nanos.length - 1, Math.max(0, (int) Math.ceil(p / 100 * nanos.length) - 1))] / 1e6;
    }

    public double maxMillis() {
        return nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6;
    }

    public int samples() {
        return nanos.length;
    }

    /**
     * The table of bench/README.md: per path samples, missing, p50, p99 and max, and p50 and p99 as ratios of the
     * first row's (the baseline measured in the same run).
     */
    public static void print(String header, List<Latencies> rows, int nameWidth) {
        Latencies base = rows.get(0);
        System.out.printf("%n%s%n", header);
        System.out.printf("%-" + nameWidth + "s %8s %8s %9s %9s %9s %9s %9s%n", "path", "samples", "missing",
                "p50 ms", "p99 ms", "max ms", "p50/base", "p99/base");
        for (Latencies r : rows) {
            System.out.printf(Locale.ROOT, "%-" + nameWidth + "s %8d %8d %9.2f %9.2f %9.2f %9.2f %9.2f%n", r.name,
                    r.samples(), r.missing, r.percentile(50), r.percentile(99), r.maxMillis(),
                    r.percentile(50) / base.percentile(50), r.percentile(99) / base.percentile(99));
        }
    }
}
