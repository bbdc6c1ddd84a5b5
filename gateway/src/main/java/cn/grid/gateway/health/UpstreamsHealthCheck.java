package cn.grid.gateway.health;

import cn.grid.gateway.balancing.Ejections;
import cn.grid.gateway.balancing.ReadinessProbe;
import cn.grid.gateway.balancing.UpstreamInstance;
import cn.grid.gateway.balancing.UpstreamSelector;
import cn.grid.gateway.config.GatewayConfig;
import cn.grid.gateway.proxy.Route;
import cn.grid.gateway.proxy.Routes;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reports whether each service behind the gateway is ready, on {@code /q/health/well}: every instance Stork
 * knows is asked, and the service is "UP" when all are, "UP (1 of 2 instances ready; ...)" when some are, and
 * "DOWN (...)" when none is. The check is DOWN only when some service has no ready instance at all.
 *
 * <p>Deliberately not a readiness check: one service down must not take the whole entry out of the load
 * balancer — the others still work, and requests to the missing one get a clear 502.
 */
@Wellness
@ApplicationScoped
public class UpstreamsHealthCheck implements AsyncHealthCheck {

    private final UpstreamSelector selector;
    private final ReadinessProbe probe;
    private final Ejections ejections;
    private final List<Route> routes;
    private final Duration timeout;

    public UpstreamsHealthCheck(UpstreamSelector selector, ReadinessProbe probe, Ejections ejections, Routes routes,
            GatewayConfig config) {
        this.selector = selector;
        this.probe = probe;
        this.ejections = ejections;
        this.routes = routes.all();
        this.timeout = config.client().healthProbeTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Future<ServiceState>> states = routes.stream().map(this::state).toList();
        Future<HealthCheckResponse> report = Future.join(states).map(all -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("upstreams").up();
            for (Future<ServiceState> state : states) {
                response.withData(state.result().service(), state.result().summary());
                if (state.result().ready() == 0) {
                    response.down();
                }
            }
            return response.build();
        });
        return Uni.createFrom().completionStage(report.toCompletionStage());
    }

    /** Probes every instance of one service; never fails. */
    private Future<ServiceState> state(Route route) {
        return selector.instances(route.service(), route.url())
                .compose(instances -> {
                    List<Future<String>> probes = instances.stream().map(i -> probe.probe(i, timeout)).toList();
                    return Future.join(new ArrayList<>(probes)).map(done -> summarize(route.service(), instances,
                            probes.stream().map(Future::result).toList()));
                })
                .recover(e -> Future.succeededFuture(new ServiceState(route.service(), 0,
                        "DOWN (no instances: " + e.getMessage() + ")")));
    }

    private ServiceState summarize(String service, List<UpstreamInstance> instances, List<String> states) {
        Map<String, String> ejected = ejections.ejected(service);
        List<String> notes = new ArrayList<>();
        int ready = 0;
        for (int i = 0; i < instances.size(); i++) {
            String address = instances.get(i).address();
            boolean up = ReadinessProbe.UP.equals(states.get(i));
            if (up) {
                ready++;
            }
            String note = up ? "" : address + " " + states.get(i);
            if (ejected.containsKey(address)) {
                note = (note.isEmpty() ? address : note) + " out of rotation";
            }
            if (!note.isEmpty()) {
                notes.add(note);
            }
        }
        if (instances.isEmpty()) {
            return new ServiceState(service, 0, "DOWN (no instances known)");
        }
        if (instances.size() == 1) {
            // one instance, as before Stork: the report reads as it did ("UP", "DOWN (connection refused)")
            String only = states.get(0);
            return new ServiceState(service, ready, ReadinessProbe.UP.equals(only) && notes.isEmpty() ? "UP"
                    : ReadinessProbe.UP.equals(only) ? "UP (" + String.join("; ", notes) + ")" : only);
        }
        if (ready == instances.size() && notes.isEmpty()) {
            return new ServiceState(service, ready, "UP");
        }
        String counts = ready + " of " + instances.size() + " instances ready";
        return new ServiceState(service, ready, (ready > 0 ? "UP (" : "DOWN (") + counts + "; "
                + String.join("; ", notes) + ")");
    }

    private record ServiceState(String service, int ready, String summary) {
    }
}
