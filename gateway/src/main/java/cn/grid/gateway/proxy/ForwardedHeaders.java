package cn.grid.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the gateway. Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not the
 * message, so they stop here in both directions, together with any header the sender named in
 * {@code Connection}. Everything else — Authorization, traceparent, tracestate, caching and content headers —
 * passes unchanged.
 */
final class ForwardedHeaders {

    static final String REQUEST_ID = "X-Request-Id";

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "te", "trailer",
            "transfer-encoding", "upgrade");

    private ForwardedHeaders() {
    }

    /** The headers for the service: the caller's, minus hop-by-hop ones, plus request id and X-Forwarded-*. */
    static MultiMap toUpstream(HttpServerRequest in, String requestId, String traceparent, boolean traceReplaced) {
        MultiMap out = copy(in.headers());
        out.set(TraceContext.TRACEPARENT, traceparent);
        if (traceReplaced) {
            out.remove(TraceContext.TRACESTATE);
        }
        // the service's own address, set by the client from the base URL
        out.remove(HttpHeaders.HOST);
        // the gateway answers "100 Continue" itself once the service is reachable (see ReverseProxy)
        out.remove(HttpHeaders.EXPECT);
        out.set(REQUEST_ID, requestId);

        SocketAddress remote = in.remoteAddress();
        List<String> earlier = in.headers().getAll("X-Forwarded-For");
        String client = remote == null ? "unknown" : remote.hostAddress();
        out.set("X-Forwarded-For", earlier.isEmpty() ? client : String.join(", ", earlier) + ", " + client);
        // as the gateway saw them: with quarkus.http.proxy.* enabled behind a trusted load balancer, that is
        // what the load balancer was told
        out.set("X-Forwarded-Proto", in.scheme());
        HostAndPort authority = in.authority();
        if (authority != null) {
            out.set("X-Forwarded-Host", authority.port() >= 0 ? authority.host() + ":" + authority.port()
                    : authority.host());
        }
        return out;
    }

    /** The service's response headers for the caller, minus hop-by-hop ones. */
    static void copyFromUpstream(MultiMap upstream, MultiMap out) {
        out.addAll(copy(upstream));
    }

    private static MultiMap copy(MultiMap headers) {
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        for (String connection : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : connection.split(",")) {
                dropped.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        MultiMap copy = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!dropped.contains(name) && !name.startsWith("proxy-")) {
                copy.add(header.getKey(), header.getValue());
            }
        }
        return copy;
    }
}
