package cn.grid.gateway.health;

import cn.grid.gateway.config.GatewayConfig;
import cn.grid.gateway.proxy.Route;
import cn.grid.gateway.proxy.Routes;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Reports whether each service behind the gateway is ready, on {@code /q/health/well}.
 *
 * <p>Deliberately not a readiness check: one service down must not take the whole entry out of the load
 * balancer — the others still work, and requests to the missing one get a clear 502.
 */
@Wellness
@ApplicationScoped
public class UpstreamsHealthCheck implements AsyncHealthCheck {

    private final HttpClient client;
    private final List<Route> routes;
    private final long timeout;

    public UpstreamsHealthCheck(HttpClient client, Routes routes, GatewayConfig config) {
        this.client = client;
        this.routes = routes.all();
        this.timeout = config.client().healthProbeTimeout().toMillis();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Uni<String>> probes = routes.stream().map(this::probe).toList();
        return Uni.join().all(probes).andFailFast().map(states -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("upstreams").up();
            for (int i = 0; i < routes.size(); i++) {
                response.withData(routes.get(i).service(), states.get(i));
                if (!"UP".equals(states.get(i))) {
                    response.down();
                }
            }
            return response.build();
        });
    }

    /** "UP", or "DOWN (why)"; never fails. */
    private Uni<String> probe(Route route) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(route.host())
                .setPort(route.port())
                .setSsl(route.ssl())
                .setURI(route.basePath() + "/q/health/ready")
                .setConnectTimeout(timeout)
                .setIdleTimeout(timeout);
        Future<String> state = client.request(options)
                .compose(request -> request.send())
                // read the body so the connection goes back to the pool
                .compose(response -> response.body().map(ignored -> response.statusCode() == 200 ? "UP"
                        : "DOWN (HTTP " + response.statusCode() + ")"))
                .recover(e -> Future.succeededFuture("DOWN (" + reason(e) + ")"));
        return Uni.createFrom().completionStage(state.toCompletionStage());
    }

    private static String reason(Throwable e) {
        if (e instanceof TimeoutException || e instanceof io.netty.channel.ConnectTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
