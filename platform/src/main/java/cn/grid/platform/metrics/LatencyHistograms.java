package cn.grid.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import java.time.Duration;
import java.util.Set;

/**
 * Latency histograms for named timers, so Prometheus can compute p50/p99 per route and per service over any window
 * and across instances ({@code histogram_quantile} over {@code _bucket}): a summary's client-side percentiles
 * cannot be aggregated over instances. The SLO boundaries add exact buckets at the latencies people ask about (is
 * p99 under 100 ms? under 1 s?); the expected range trims Micrometer's generated buckets to 1 ms–30 s, so a series
 * costs a few dozen buckets, not a hundred.
 */
public final class LatencyHistograms {

    /** The bucket boundaries the alert rules and dashboards compare against (le="0.1", le="1", ...). */
    public static final Duration[] SLOS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private LatencyHistograms() {
    }

    /** A filter giving every timer named in {@code timers} a histogram (other meters keep their configuration). */
    public static MeterFilter forTimers(Set<String> timers) {
        double[] slos = new double[SLOS.length];
        for (int i = 0; i < SLOS.length; i++) {
            slos[i] = SLOS[i].toNanos();
        }
        DistributionStatisticConfig histogram = DistributionStatisticConfig.builder()
                .percentilesHistogram(true)
                .serviceLevelObjectives(slos)
                .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                .maximumExpectedValue((double) Duration.ofSeconds(30).toNanos())
                .build();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return timers.contains(id.getName()) ? histogram.merge(config) : config;
            }
        };
    }
}
