package cn.grid.gateway.metrics;

import cn.grid.gateway.limits.BodyTooLargeException;
import cn.grid.gateway.proxy.UpstreamFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

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
 */
@ApplicationScoped
public class UpstreamMetrics {

    static final String NAME = "gateway.upstream.requests";

    private final MeterRegistry registry;
    /** A handful of (service, status) pairs: cached so a call does not build a meter id each time. */
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    public UpstreamMetrics(MeterRegistry registry) {
        this.registry = registry;
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
