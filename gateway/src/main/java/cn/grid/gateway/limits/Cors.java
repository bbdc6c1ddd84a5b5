package cn.grid.gateway.limits;

import cn.grid.gateway.config.GatewayConfig;
import cn.grid.gateway.problem.ProblemResponses;
import cn.grid.platform.problem.ProblemType;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for browser clients, answered by the gateway itself: the services never see a preflight. A preflight
 * ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered before the token check, since a
 * browser never sends a token with one; from an origin not in {@code gateway.cors.origins} it is a 403 problem.
 * An actual request from an allowed origin gets {@code Access-Control-Allow-Origin} and the headers a script
 * may read; from any other origin it goes on unchanged and the browser keeps the answer from the script.
 * No {@code Access-Control-Allow-Credentials}: the suite's clients send bearer tokens, not cookies.
 */
@ApplicationScoped
public class Cors {

    static final String METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Accept-Language, Idempotency-Key, "
            + "If-Match, If-None-Match, X-Request-Id, traceparent, tracestate";
    static final String EXPOSED_HEADERS = "ETag, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, "
            + "RateLimit-Reset, X-Request-Id, traceparent";

    private final Set<String> origins;
    private final String maxAge;
    private final ProblemResponses problems;

    public Cors(GatewayConfig config, ProblemResponses problems) {
        this.origins = config.cors().origins().orElse(List.of()).stream()
                .map(String::strip).filter(o -> !o.isEmpty())
                .map(o -> o.replaceFirst("/+$", "").toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.maxAge = Long.toString(config.cors().maxAge().toSeconds());
        this.problems = problems;
    }

    /** Adds the CORS headers and answers preflights; false when the answer has been sent. */
    public boolean admit(RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        String origin = in.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        boolean allowed = origins.contains(origin.toLowerCase(Locale.ROOT));
        MultiMap out = ctx.response().headers();
        // the answer depends on the Origin: caches must not hand one origin's answer to another
        out.add(HttpHeaders.VARY, "Origin");
        if (in.method() == HttpMethod.OPTIONS && in.headers().contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)) {
            if (!allowed) {
                problems.send(ctx, ProblemType.FORBIDDEN, "the origin " + origin + " may not call the gateway");
                return false;
            }
            out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
                    .set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                    .set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, maxAge);
            ctx.response().setStatusCode(204).end();
            return false;
        }
        if (allowed) {
            out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        return true;
    }
}
