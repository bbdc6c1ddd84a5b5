import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The least a reverse proxy built on Vert.x can do, as a reference for bench/gateway/run: the gateway's engine
 * (Vert.x 4 and Netty from the gateway's own build, epoll, an HTTP client per event loop like the gateway's
 * UpstreamClient) with nothing else — no token check, no rate limit, no access log, no metrics, no trace context,
 * no retries, no hop-by-hop header filtering. Its ratio is what this machine leaves to any gateway on this engine.
 *
 * <p>Started by bench/gateway/run with Java's single-file launcher, no build:
 * {@code java -cp 'gateway/target/quarkus-app/lib/main/*' BareVertxProxy.java <port> <grid host:port>
 * <request host:port>}. {@code /api/v1/requests...} goes to the second upstream, everything else to the first.
 */
public final class BareVertxProxy {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        HostAndPort grid = parse(args[1]);
        HostAndPort request = parse(args[2]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(100);
        Map<Thread, HttpClient> clients = new ConcurrentHashMap<>();
        vertx.createHttpServer().requestHandler(in -> {
            // the body waits until the upstream request is open, then streams into it
            in.pause();
            HttpClient client = clients.computeIfAbsent(Thread.currentThread(),
                    loop -> vertx.createHttpClient(options, pool));
            HostAndPort upstream = in.path().startsWith("/api/v1/requests") ? request : grid;
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(in.headers());
            headers.remove(HttpHeaders.HOST);
            client.request(new RequestOptions().setMethod(in.method()).setHost(upstream.host())
                            .setPort(upstream.port()).setURI(in.uri()).setHeaders(headers))
                    .compose(out -> out.send(in))
                    .onComplete(answered -> {
                        HttpServerResponse response = in.response();
                        if (answered.failed()) {
                            response.setStatusCode(502).end();
                            return;
                        }
                        HttpClientResponse answer = answered.result();
                        response.setStatusCode(answer.statusCode());
                        response.headers().addAll(answer.headers());
                        answer.pipeTo(response);
                    });
        }).listen(port).onComplete(listening -> {
            if (listening.failed()) {
                System.err.println("bare Vert.x proxy: cannot listen on " + port + ": " + listening.cause());
                System.exit(1);
            }
            System.out.println("bare Vert.x proxy on " + port + " (native transport: "
                    + vertx.isNativeTransportEnabled() + ")");
        });
    }

    private static HostAndPort parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return HostAndPort.create(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
