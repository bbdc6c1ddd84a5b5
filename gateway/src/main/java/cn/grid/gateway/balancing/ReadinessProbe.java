package cn.grid.gateway.balancing;

import io.vertx.core.Future;
import cn.grid.gateway.proxy.UpstreamClient;
import cn.grid.gateway.proxy.UpstreamFailures;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Asks one instance whether it is ready ({@code gateway.balancing.probe-path}, {@code /q/health/ready}, on the
 * instance's management port: its port + {@code gateway.balancing.probe-port-offset}): the
 * ejection probe and the {@code /q/health/well} report both use it, so they agree on what "ready" means.
 */
@ApplicationScoped
public class ReadinessProbe {

    public static final String UP = "UP";

    private final UpstreamClient client;
    private final String path;
    private final int portOffset;

    public ReadinessProbe(UpstreamClient client, BalancingConfig config) {
        this.client = client;
        this.path = config.probePath().startsWith("/") ? config.probePath() : "/" + config.probePath();
        this.portOffset = config.probePortOffset();
    }

    /** {@value #UP}, or "DOWN (why)"; never fails. */
    public Future<String> probe(UpstreamInstance instance, Duration timeout) {
        long millis = timeout.toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(instance.host())
                // the management interface has its own root: the base path of the API does not apply there
                .setPort(instance.port() + portOffset)
                .setSsl(instance.ssl())
                .setURI(portOffset == 0 ? instance.basePath() + path : path)
                .setConnectTimeout(millis)
                .setIdleTimeout(millis);
        return client.current().request(options)
                .compose(request -> request.send())
                // read the body so the connection goes back to the pool
                .compose(response -> response.body().map(ignored -> response.statusCode() == 200 ? UP
                        : "DOWN (HTTP " + response.statusCode() + ")"))
                .recover(e -> Future.succeededFuture("DOWN (" + UpstreamFailures.describe(e) + ")"));
    }
}
