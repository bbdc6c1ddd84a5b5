package cn.grid.platform.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Applies {@link BoundedHttpTags} to every service's registry (Quarkus picks up MeterFilter beans), and gives the
 * HTTP server timer a latency histogram ({@link LatencyHistograms}): the p99 alert and the dashboards' latency
 * panels read {@code http_server_requests_seconds_bucket}.
 */
@Singleton
public class HttpMetricsFilters {

    /** Quarkus' timer of every HTTP request a service answers. */
    public static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter boundedMethods() {
        return BoundedHttpTags.methods();
    }

    @Produces
    @Singleton
    MeterFilter latencyHistograms() {
        return LatencyHistograms.forTimers(Set.of(HTTP_SERVER_REQUESTS));
    }
}
