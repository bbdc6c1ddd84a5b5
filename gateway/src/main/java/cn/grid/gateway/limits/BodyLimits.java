package cn.grid.gateway.limits;

import cn.grid.gateway.config.GatewayConfig;
import cn.grid.gateway.problem.ProblemResponses;
import cn.grid.gateway.proxy.Routes;
import cn.grid.platform.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * The largest request body per route. A declared {@code Content-Length} above it is refused here, before any
 * service is contacted; a body without one (chunked, HTTP/2 frames) is counted while it streams and cut off
 * by the proxy when it grows past the limit (see {@link BodyTooLargeException}).
 */
@ApplicationScoped
public class BodyLimits {

    private final ProblemResponses problems;
    private final MeterRegistry metrics;
    private final long defaultLimit;
    private final Map<String, Long> byRoute = new HashMap<>();

    public BodyLimits(GatewayConfig config, Routes routes, ProblemResponses problems, MeterRegistry metrics) {
        this.problems = problems;
        this.metrics = metrics;
        MemorySizeConverter sizes = new MemorySizeConverter();
        this.defaultLimit = sizes.convert(config.bodyLimits().defaultLimit()).asLongValue();
        config.bodyLimits().routes().forEach((route, size) -> {
            if (!routes.keys().contains(route)) {
                throw new IllegalArgumentException("gateway.body-limits.routes.\"" + route + "\": no such route; "
                        + "the routes are " + routes.keys());
            }
            byRoute.put(route, sizes.convert(size).asLongValue());
        });
    }

    /** The limit in bytes for a route key (null: the default). */
    public long limitOf(String route) {
        return route == null ? defaultLimit : byRoute.getOrDefault(route, defaultLimit);
    }

    /** Checks a declared Content-Length; false when the 413 has been sent. */
    public boolean admit(RoutingContext ctx, String route) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return true;
        }
        long limit = limitOf(route);
        long declared;
        try {
            declared = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            // the HTTP codec refuses a malformed Content-Length before we get here; nothing to add
            return true;
        }
        if (declared <= limit) {
            return true;
        }
        tooLarge(ctx, route, limit);
        return false;
    }

    /** Answers 413 (or cuts the answer short if one has begun) and counts it. */
    public void tooLarge(RoutingContext ctx, String route, long limit) {
        metrics.counter("gateway.body.too.large", "route", route == null ? "none" : route).increment();
        problems.send(ctx, ProblemType.PAYLOAD_TOO_LARGE, "the request body is larger than the " + limit
                + " bytes accepted" + (route == null ? "" : " on " + route));
    }
}
