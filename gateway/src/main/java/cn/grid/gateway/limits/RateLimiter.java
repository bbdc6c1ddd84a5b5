package cn.grid.gateway.limits;

import cn.grid.gateway.auth.BearerAuth;
import cn.grid.gateway.config.GatewayConfig;
import cn.grid.gateway.problem.ProblemResponses;
import cn.grid.gateway.proxy.Routes;
import cn.grid.platform.problem.ProblemType;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Rate limits: one bucket set per client address (every request, before the token is checked, so a flood of
 * bad tokens is throttled too) and one per token subject (after the check, so only a verified subject counts).
 * A route with its own limit has its own buckets; all other routes share the default ones. Over the limit the
 * caller gets 429 problem+json with {@code Retry-After} and the {@code RateLimit-*} headers.
 *
 * <p>The address is the connection's remote address, or, with {@code quarkus.http.proxy.proxy-address-forwarding}
 * on behind a trusted load balancer, the forwarded one (Quarkus puts that into {@code remoteAddress()}).
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    private final boolean enabled;
    private final ProblemResponses problems;
    private final MeterRegistry metrics;
    private final TokenBuckets subjects;
    private final TokenBuckets addresses;
    private final Map<String, TokenBuckets> subjectsByRoute = new HashMap<>();
    private final Map<String, TokenBuckets> addressesByRoute = new HashMap<>();

    public RateLimiter(GatewayConfig config, Routes routes, ProblemResponses problems, MeterRegistry metrics) {
        GatewayConfig.RateLimits limits = config.rateLimits();
        this.enabled = limits.enabled();
        this.problems = problems;
        this.metrics = metrics;
        long maxKeys = limits.maxKeys();
        Function<String, TokenBuckets> buckets = text -> new TokenBuckets(RateLimit.parse(text), maxKeys,
                Ticker.systemTicker());
        this.subjects = buckets.apply(limits.perSubject());
        this.addresses = buckets.apply(limits.perAddress());
        limits.routes().forEach((route, own) -> {
            if (!routes.keys().contains(route)) {
                throw new IllegalArgumentException("gateway.rate-limits.routes.\"" + route + "\": no such route; "
                        + "the routes are " + routes.keys());
            }
            own.perSubject().ifPresent(text -> subjectsByRoute.put(route, buckets.apply(text)));
            own.perAddress().ifPresent(text -> addressesByRoute.put(route, buckets.apply(text)));
        });
        if (enabled) {
            LOG.infof("rate limits: %s per subject, %s per address; own limits on %s %s", subjects.limit(),
                    addresses.limit(), subjectsByRoute.keySet(), addressesByRoute.keySet());
        }
    }

    /** Takes a token from the caller's address bucket; false when the 429 has been sent. */
    public boolean admitAddress(RoutingContext ctx, String route) {
        if (!enabled) {
            return true;
        }
        SocketAddress remote = ctx.request().remoteAddress();
        String address = remote == null ? "unknown" : remote.hostAddress();
        TokenBuckets buckets = route == null ? addresses : addressesByRoute.getOrDefault(route, addresses);
        return admit(ctx, route, buckets.take(address), "address");
    }

    /** Route handler after the token check: takes a token from the subject's bucket (no token: nothing to do). */
    public void admitSubject(RoutingContext ctx) {
        String subject = ctx.get(BearerAuth.SUBJECT);
        if (!enabled || subject == null) {
            ctx.next();
            return;
        }
        String route = ctx.get(Routes.ROUTE_KEY);
        TokenBuckets buckets = route == null ? subjects : subjectsByRoute.getOrDefault(route, subjects);
        if (admit(ctx, route, buckets.take(subject), "subject")) {
            ctx.next();
        }
    }

    private boolean admit(RoutingContext ctx, String route, TokenBuckets.Decision decision, String per) {
        if (decision.allowed()) {
            return true;
        }
        long retryAfter = Math.max(1, TokenBuckets.Decision.seconds(decision.retryNanos()));
        HttpServerResponse response = ctx.response();
        response.putHeader("Retry-After", Long.toString(retryAfter))
                .putHeader("RateLimit-Limit", Long.toString(decision.limit().requests()))
                .putHeader("RateLimit-Remaining", "0")
                .putHeader("RateLimit-Reset", Long.toString(TokenBuckets.Decision.seconds(decision.resetNanos())));
        metrics.counter("gateway.rate.limited", "route", route == null ? "none" : route, "per", per).increment();
        problems.send(ctx, ProblemType.TOO_MANY_REQUESTS, "more than " + decision.limit() + " per " + per
                + (route == null ? "" : " on " + route) + "; retry in " + retryAfter + " s");
        return false;
    }
}
