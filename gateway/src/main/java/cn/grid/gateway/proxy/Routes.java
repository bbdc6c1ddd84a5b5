package cn.grid.gateway.proxy;

import cn.grid.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The routing table: which service owns which part of {@code /api}, the Open311 GeoReport v2 face
 * ({@code /open311}, request-service's), which integrators call with an api_key instead of a token, and the xAPI
 * face ({@code /xapi}, study-service's learning record store), which needs a token like {@code /api}.
 */
@ApplicationScoped
public class Routes {

    /** GeoReport v2: a bearer token is optional here (see {@link cn.grid.gateway.auth.BearerAuth#handleOptional}). */
    public static final String OPEN311 = "/open311";

    /** xAPI 1.0.3 (statements, about): a bearer token is required, as for /api. */
    public static final String XAPI = "/xapi";

    private final List<Route> all;

    public Routes(GatewayConfig config) {
        GatewayConfig.Upstreams upstreams = config.upstreams();
        all = List.of(
                route("grid-service", upstreams.grid(), "/api/v1/grids", "/api/v1/people", "/api/v1/party-orgs"),
                route("study-service", upstreams.study(), "/api/v1/study", XAPI),
                route("request-service", upstreams.request(), "/api/v1/requests", "/api/v1/request-categories",
                        "/api/v1/open311", OPEN311));
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
