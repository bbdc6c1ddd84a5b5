package cn.grid.gateway.proxy;

import cn.grid.gateway.config.GatewayConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The pooled HTTP clients the gateway talks to the services with (proxying, the dashboard and health probes):
 * one per event loop.
 *
 * <p>Why not one client: a Vert.x pool hands any idle connection to any caller, and a connection lives on the
 * event loop that opened it. A request arriving on loop A that gets a connection of loop B is written by B, its
 * answer read by B and handed back to A — two thread hand-offs (task queue, wake-up) per request, on a path that
 * otherwise is nothing but a read and a write on each side. With a client per loop, a request on loop A only
 * ever uses connections A opened (the pool opens a connection on the caller's loop), and the whole exchange
 * stays on one thread. Measured with {@code bench/gateway/run}: see docs/benchmarks.md.
 *
 * <p>{@code gateway.client.max-connections-per-upstream} therefore bounds the connections per event loop and
 * service instance. A caller that is not on an event loop (a worker thread) gets the shared client.
 *
 * <p>Event streams (a request that accepts {@code text/event-stream}: an EventSource, an app's SSE client) hold
 * their connection for as long as the client stays, hours. They get a pool of their own,
 * {@code gateway.client.max-streams-per-upstream} per service instance, so a thousand open streams never leave an
 * ordinary request of the same service waiting for a connection.
 */
@Singleton
public class UpstreamClient {

    private static final String EVENT_STREAM = "text/event-stream";

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final HttpClient shared;
    private final HttpClient streams;
    /** Keyed by event-loop thread: a handful of entries, fixed once every loop has sent a request. */
    private final ConcurrentMap<Thread, HttpClient> perEventLoop = new ConcurrentHashMap<>();

    public UpstreamClient(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.options = new HttpClientOptions()
                .setKeepAlive(true)
                // bodies pass as they are, compressed or not: the gateway never looks inside
                .setDecompressionSupported(false)
                .setTryUseCompression(false);
        this.pool = new PoolOptions().setHttp1MaxSize(config.client().maxConnectionsPerUpstream());
        this.shared = vertx.createHttpClient(options, pool);
        this.streams = vertx.createHttpClient(options,
                new PoolOptions().setHttp1MaxSize(config.client().maxStreamsPerUpstream()));
    }

    /** The client for a request: the streams' own for an event stream, else the one of the caller's event loop. */
    public HttpClient forRequest(HttpServerRequest request) {
        return isEventStream(request) ? streams : current();
    }

    /** Whether the request asks for an event stream ({@code Accept: text/event-stream}, what EventSource sends). */
    static boolean isEventStream(HttpServerRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(EVENT_STREAM);
    }

    /** The client of the event loop the caller runs on. */
    public HttpClient current() {
        if (!Context.isOnEventLoopThread()) {
            return shared;
        }
        Thread loop = Thread.currentThread();
        HttpClient client = perEventLoop.get(loop);
        return client != null ? client : perEventLoop.computeIfAbsent(loop, t -> vertx.createHttpClient(options, pool));
    }

    @PreDestroy
    void close() {
        perEventLoop.values().forEach(HttpClient::close);
        shared.close();
        streams.close();
    }
}
