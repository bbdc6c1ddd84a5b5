package cn.grid.gateway.proxy;

import cn.grid.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The routing table: which service owns which part of {@code /api}, the Open311 GeoReport v2 face
 * ({@code /open311}, request-service's), which integrators call with an api_key instead of a token, and the xAPI
 * face ({@code /xapi}, study-service's learning record store), which takes a token like {@code /api} or an LRS
 * client's HTTP Basic credentials (checked by study-service).
 */
@ApplicationScoped
public class Routes {

    /** GeoReport v2: a bearer token is optional here (see {@link cn.grid.gateway.auth.BearerAuth#handleOptional}). */
    public static final String OPEN311 = "/open311";

    /**
     * xAPI 1.0.3 (statements, about): a bearer token checked as for /api, or LRS client Basic credentials (and
     * anonymous calls) passed on to study-service, which checks them.
     */
    public static final String XAPI = "/xapi";

    /** The gateway's own composite reads: a route key of their own for limits, logs and metrics. */
    public static final String DASHBOARD = "/api/v1/dashboard";

    /** Any other /api path (answered 404 by the gateway). */
    public static final String API = "/api";

    /** The route key of the request in the routing context ({@link #keyOf}); the access log prints it. */
    public static final String ROUTE_KEY = "gateway.route";

    private final List<Route> all;
    /** Every prefix, longest first, so the most specific one names a path's route. */
    private final String[] keys;

    public Routes(GatewayConfig config) {
        GatewayConfig.Upstreams upstreams = config.upstreams();
        all = List.of(
                route("grid-service", upstreams.grid(), "/api/v1/grids", "/api/v1/people", "/api/v1/party-orgs"),
                route("study-service", upstreams.study(), "/api/v1/study", XAPI),
                route("request-service", upstreams.request(), "/api/v1/requests", "/api/v1/request-categories",
                        "/api/v1/open311", OPEN311),
                route("notification-service", upstreams.notification(), "/api/v1/me/notifications",
                        "/api/v1/webhooks"));
        List<String> prefixes = new ArrayList<>(List.of(DASHBOARD, API));
        all.forEach(route -> prefixes.addAll(route.prefixes()));
        keys = prefixes.stream().sorted(Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
    }

    /** Every route key: the services' prefixes, {@link #DASHBOARD} and {@link #API}. */
    public List<String> keys() {
        return List.of(keys);
    }

    /**
     * The route key of a path: the longest prefix that owns it ({@code /open311/v2/requests.json} →
     * {@code /open311}), or null outside the routed areas. A plain scan of a dozen short strings: cheaper per
     * request than any map, and it runs once per request.
     */
    public String keyOf(String path) {
        for (String key : keys) {
            if (path.startsWith(key) && (path.length() == key.length() || path.charAt(key.length()) == '/')) {
                return key;
            }
        }
        return null;
    }

    public List<Route> all() {
        return all;
    }

    /** The route of a service by its name ("grid-service" ...), for the gateway's own composite reads. */
    public Route byService(String service) {
        return all.stream().filter(r -> r.service().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no route for " + service));
    }

    private static Route route(String service, GatewayConfig.Upstream upstream, String... prefixes) {
        return new Route(service, List.of(prefixes), upstream.url(), upstream.timeout());
    }
}
