package cn.grid.gateway.metrics;

import cn.grid.gateway.limits.BodyTooLargeException;
import cn.grid.gateway.proxy.Route;
import cn.grid.gateway.proxy.Routes;
import cn.grid.gateway.proxy.UpstreamFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code gateway_upstream_requests_seconds{service, status, outcome}}: every call the proxy makes to an instance
 * of a service (each attempt of a retried request counts), timed from the send to the head of the answer. The
 * status is the service's, or {@code none} when there was no answer; the outcome is {@code SUCCESS},
 * {@code CLIENT_ERROR}, {@code SERVER_ERROR}, {@code REDIRECTION}, {@code INFORMATIONAL}, or for no answer
 * {@code TIMEOUT}, {@code BODY_TOO_LARGE} (the gateway cut the request off) or {@code ERROR} (refused, reset).
 * This is the per-service view ops scale by.
 *
 * <p>The counters of what the balancer does to a service's instances — {@code gateway_upstream_ejections_total},
 * {@code gateway_upstream_readmissions_total}, {@code gateway_upstream_retries_total}, tag {@code service} — are
 * counted where it happens ({@code Ejections}, {@code ReverseProxy}) but registered here at start, at 0, for every
 * routed service: a counter that first appears at its first increment makes {@code increase()} miss that increment,
 * and an alert rule would have no series to read until then.
 */
@ApplicationScoped
public class UpstreamMetrics {

    public static final String NAME = "gateway.upstream.requests";
    public static final String EJECTIONS = "gateway.upstream.ejections";
    public static final String READMISSIONS = "gateway.upstream.readmissions";
    public static final String RETRIES = "gateway.upstream.retries";

    private final MeterRegistry registry;
    /** A handful of (service, status) pairs: cached so a call does not build a meter id each time. */
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    public UpstreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void registerBalancerCounters(@Observes StartupEvent started, Routes routes) {
        for (Route route : routes.all()) {
            Counter.builder(EJECTIONS).description("Instances of the service taken out of rotation after failures")
                    .tag("service", route.service()).register(registry);
            Counter.builder(READMISSIONS).description("Ejected instances probed back into rotation")
                    .tag("service", route.service()).register(registry);
            Counter.builder(RETRIES).description("Requests retried on another instance of the service")
                    .tag("service", route.service()).register(registry);
        }
    }

    public long start() {
        return System.nanoTime();
    }

    public void answered(String service, int status, long start) {
        record(service, Integer.toString(status), outcome(status), start);
    }

    public void failed(String service, Throwable cause, long start) {
        String outcome = BodyTooLargeException.in(cause) ? "BODY_TOO_LARGE"
                : UpstreamFailures.isTimeout(cause) ? "TIMEOUT" : "ERROR";
        record(service, "none", outcome, start);
    }

    private void record(String service, String status, String outcome, long start) {
        long elapsed = System.nanoTime() - start;
        timers.computeIfAbsent(service + ' ' + status + ' ' + outcome, key -> Timer.builder(NAME)
                .description("Calls from the gateway to a service's instances, until the head of the answer")
                .tag("service", service).tag("status", status).tag("outcome", outcome)
                .register(registry)).record(elapsed, TimeUnit.NANOSECONDS);
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }
}
