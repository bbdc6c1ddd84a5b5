package cn.grid.gateway.proxy;

import cn.grid.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one pooled HTTP client the gateway talks to the services with (proxying and health probes). */
@ApplicationScoped
public class UpstreamClient {

    @Produces
    @Singleton
    HttpClient upstreamClient(Vertx vertx, GatewayConfig config) {
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                // bodies pass as they are, compressed or not: the gateway never looks inside
                .setDecompressionSupported(false)
                .setTryUseCompression(false);
        return vertx.createHttpClient(options,
                new PoolOptions().setHttp1MaxSize(config.client().maxConnectionsPerUpstream()));
    }

    void close(@Disposes HttpClient client) {
        client.close();
    }
}
