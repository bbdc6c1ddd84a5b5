package cn.grid.gateway.metrics;

import cn.grid.platform.metrics.BoundedHttpTags;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Set;

/**
 * Latency histograms for the gateway's request timers, so Prometheus can compute p50/p99 per route and per
 * service over any window and across gateway instances ({@code histogram_quantile} over {@code _bucket}). The
 * SLO boundaries add exact buckets at the latencies people ask about (is p99 under 100 ms?); the expected range
 * trims Micrometer's generated buckets to 1 ms–30 s, so a series costs a few dozen buckets, not a hundred.
 */
@Singleton
public class GatewayMetrics {

    /** Quarkus' server timer and the proxy's own per-service timer (the proxy's Vert.x client has no timer). */
    static final Set<String> TIMERS = Set.of("http.server.requests", UpstreamMetrics.NAME);

    static final Duration[] SLOS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /**
     * A method nobody defined is counted as OTHER ({@link BoundedHttpTags}): each one was a new series. The
     * platform's own producer is a bean, and the gateway excludes the platform's beans, so it is produced here.
     */
    @Produces
    @Singleton
    MeterFilter boundedMethods() {
        return BoundedHttpTags.methods();
    }

    @Produces
    @Singleton
    MeterFilter latencyHistograms() {
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
                return TIMERS.contains(id.getName()) ? histogram.merge(config) : config;
            }
        };
    }
}
