package cn.grid.gateway;

import cn.grid.gateway.auth.BearerAuth;
import cn.grid.gateway.auth.DevTokens;
import cn.grid.gateway.config.GatewayConfig;
import cn.grid.gateway.dashboard.GridDashboard;
import cn.grid.gateway.dashboard.MyHome;
import cn.grid.gateway.limits.BodyLimits;
import cn.grid.gateway.limits.Cors;
import cn.grid.gateway.limits.RateLimiter;
import cn.grid.gateway.problem.ProblemResponses;
import cn.grid.gateway.proxy.RequestIds;
import cn.grid.gateway.proxy.ReverseProxy;
import cn.grid.gateway.proxy.Route;
import cn.grid.gateway.proxy.Routes;
import cn.grid.gateway.proxy.TraceContext;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The gateway's whole HTTP surface, in the order the router tries it: request id and token check for all of
 * {@code /api} and {@code /xapi} (for {@code /open311} the token is optional, {@code /xapi} also takes Basic), then each service's prefixes, then a 404 problem
 * for the rest of {@code /api}; and, in dev only, the dev-token endpoint. Plain Vert.x routes, not JAX-RS: the
 * proxy must see the raw request and stream its body, which a resource method would have read first.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);
    private static final int DEV_TOKEN_BODY_LIMIT = 16 * 1024;
    /** Everything the gateway routes: request ids, trace context, CORS and limits apply to all of it. */
    private static final List<String> AREAS = List.of("/api/*", Routes.OPEN311 + "/*", Routes.XAPI + "/*");

    private final Routes routes;
    private final ReverseProxy proxy;
    private final BearerAuth auth;
    private final ProblemResponses problems;
    private final Instance<DevTokens> devTokens;
    private final GatewayConfig config;
    private final GridDashboard dashboard;
    private final MyHome home;
    private final Cors cors;
    private final RateLimiter rateLimiter;
    private final BodyLimits bodyLimits;

    public GatewayRoutes(Routes routes, ReverseProxy proxy, BearerAuth auth, ProblemResponses problems,
            Instance<DevTokens> devTokens, GatewayConfig config, GridDashboard dashboard, MyHome home, Cors cors,
            RateLimiter rateLimiter, BodyLimits bodyLimits) {
        this.dashboard = dashboard;
        this.home = home;
        this.cors = cors;
        this.rateLimiter = rateLimiter;
        this.bodyLimits = bodyLimits;
        this.routes = routes;
        this.proxy = proxy;
        this.auth = auth;
        this.problems = problems;
        this.devTokens = devTokens;
        this.config = config;
    }

    void register(@Observes Router router) {
        for (String area : AREAS) {
            router.route(area).handler(this::enter).failureHandler(problems::failure);
        }
        router.route("/api/*").handler(auth::handle);
        // Open311 GeoReport v2: integrators send an api_key (checked by request-service), apps a citizen's token
        router.route(Routes.OPEN311 + "/*").handler(auth::handleOptional);
        // xAPI: apps send the member's (or a service's) token; LRS clients their Basic key:secret (study-service checks it)
        router.route(Routes.XAPI + "/*").handler(auth::handleBearerOrBasic);
        // only a verified subject counts against a subject's limit
        for (String area : AREAS) {
            router.route(area).handler(rateLimiter::admitSubject);
        }
        for (Route route : routes.all()) {
            for (String prefix : route.prefixes()) {
                router.route(prefix + "/*").handler(ctx -> proxy.forward(ctx, route));
            }
            LOG.infof("%s -> %s (timeout %d ms)", String.join(", ", route.prefixes()), route.url(),
                    route.timeout().toMillis());
        }
        // the gateway's own composite read: after the token check, before the catch-all 404
        router.get(GridDashboard.PATH).handler(dashboard::handle);
        router.get(MyHome.ME).handler(home::me);
        router.get(MyHome.WORK).handler(home::work);
        router.route("/api/*").handler(ctx -> problems.send(ctx, ProblemType.NOT_FOUND,
                "no service of the suite serves " + ctx.request().path()));

        // decided at start-up, not at build time: the launcher runs the packaged jar with QUARKUS_PROFILE=dev
        if (config.devToken().enabled()) {
            DevTokens tokens = devTokens.get();
            // a browser-based dev client asks for its token from a page too
            router.route("/auth/dev-token").handler(ctx -> {
                if (cors.admit(ctx)) {
                    ctx.next();
                }
            });
            router.post("/auth/dev-token")
                    .handler(BodyHandler.create(false).setBodyLimit(DEV_TOKEN_BODY_LIMIT))
                    .blockingHandler(tokens::issue, false)
                    .failureHandler(problems::failure);
            router.route("/auth/dev-token").handler(ctx -> {
                ctx.response().putHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
                problems.send(ctx, ProblemType.METHOD_NOT_ALLOWED, "only POST is allowed here");
            });
        }
        // Anything else, whatever the method: a 404 problem. Without it Vert.x answers a bare 404 — or a 405 to
        // every method but GET, since the Swagger UI jar's META-INF/resources makes Quarkus add a GET route for
        // static files that matches every path. Last in order, so /q/health, /q/metrics and the UI come first.
        router.route().order(Integer.MAX_VALUE).handler(ctx -> problems.send(ctx, ProblemType.NOT_FOUND,
                "the gateway has nothing at " + ctx.request().path()));
    }

    /**
     * The first handler of every routed request, one handler rather than five so the hot path makes one hop:
     * request id, trace context, route key, then what may refuse the request before its token is even looked
     * at — a URI too long for the services, a CORS preflight (answered here: a browser sends no token with it),
     * the address's rate limit, and a declared body over the route's limit.
     */
    private void enter(RoutingContext ctx) {
        RequestIds.put(ctx);
        TraceContext.noteTraceId(ctx);
        int uriLength = ctx.request().uri().length();
        if (uriLength > config.maxUriLength()) {
            // no "instance": echoing the over-long path back would only make the answer as long
            ProblemType type = ProblemType.URI_TOO_LONG;
            problems.send(ctx, new Problem(type.uri(), type.title(), type.status(), "the request URI has "
                    + uriLength + " characters; the suite takes at most " + config.maxUriLength(), null, null));
            return;
        }
        String route = routes.keyOf(ctx.normalizedPath());
        if (route != null) {
            ctx.put(Routes.ROUTE_KEY, route);
        }
        if (cors.admit(ctx) && rateLimiter.admitAddress(ctx, route) && bodyLimits.admit(ctx, route)) {
            ctx.next();
        }
    }
}
