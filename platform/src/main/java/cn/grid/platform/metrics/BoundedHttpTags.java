package cn.grid.platform.metrics;

import io.micrometer.core.instrument.config.MeterFilter;

import java.util.Set;

/**
 * Keeps the HTTP metrics' labels to a fixed set, whatever a caller sends. Quarkus tags
 * {@code http_server_requests_seconds} with the request's method as it came: a method nobody defined
 * ({@code MX7F3A}), a new one per request, made a new series each time — a histogram of some 70 buckets held for
 * the life of the process — and needs no token to send. Every method outside the standard ones is counted as
 * {@code OTHER}. (The {@code uri} label is bounded by each application's
 * {@code quarkus.micrometer.binder.http-server.match-patterns}: route templates, never raw paths.)
 */
public final class BoundedHttpTags {

    /** The methods of RFC 9110 and PATCH (RFC 5789): the only values the method label takes besides OTHER. */
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "CONNECT");
    public static final String OTHER = "OTHER";

    private BoundedHttpTags() {
    }

    public static String method(String method) {
        return METHODS.contains(method) ? method : OTHER;
    }

    /** For every meter with a {@code method} tag (the HTTP server's and client's timers). */
    public static MeterFilter methods() {
        return MeterFilter.replaceTagValues("method", BoundedHttpTags::method);
    }
}
