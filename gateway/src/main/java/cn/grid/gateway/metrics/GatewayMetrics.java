package cn.grid.gateway.metrics;

import cn.grid.platform.metrics.BoundedHttpTags;
import cn.grid.platform.metrics.HttpMetricsFilters;
import cn.grid.platform.metrics.LatencyHistograms;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Latency histograms for the gateway's request timers ({@link LatencyHistograms}: the suite's one bucket layout),
 * so Prometheus can compute p50/p99 per route and per service over any window and across gateway instances.
 */
@Singleton
public class GatewayMetrics {

    /** Quarkus' server timer and the proxy's own per-service timer (the proxy's Vert.x client has no timer). */
    static final Set<String> TIMERS = Set.of(HttpMetricsFilters.HTTP_SERVER_REQUESTS, UpstreamMetrics.NAME);

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
        return LatencyHistograms.forTimers(TIMERS);
    }
}
