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
 * {@code Connection}. The caller's {@code traceparent}/{@code tracestate} stop here too: the gateway's server span
 * continued them, and the call to the service carries its client span's context instead (set by the HTTP client's
 * tracing, see {@link TraceContext}). Everything else — Authorization, caching and content headers — passes
 * unchanged.
 */
final class ForwardedHeaders {

    static final String REQUEST_ID = "X-Request-Id";

    private static final String[] HOP_BY_HOP = {"connection", "keep-alive", "te", "trailer", "transfer-encoding",
        "upgrade"};

    private ForwardedHeaders() {
    }

    /** The headers for the service: the caller's, minus hop-by-hop ones, plus request id and X-Forwarded-*. */
    static MultiMap toUpstream(HttpServerRequest in, String requestId) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        copy(in.headers(), out);
        // the client span's context replaces them (a stale copy next to it would name the wrong parent)
        out.remove(TraceContext.TRACEPARENT);
        out.remove(TraceContext.TRACESTATE);
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
        copy(upstream, out);
    }

    /** Adds the end-to-end headers of {@code from} to {@code into}. Runs twice per request: no copies, no regex. */
    private static void copy(MultiMap from, MultiMap into) {
        Set<String> named = namedInConnection(from);
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (!hopByHop(name) && (named == null || !named.contains(name.toLowerCase(Locale.ROOT)))) {
                into.add(name, header.getValue());
            }
        }
    }

    /** The header names a {@code Connection} header lists (lower case), or null without one (the usual case). */
    private static Set<String> namedInConnection(MultiMap headers) {
        List<String> connection = headers.getAll(HttpHeaders.CONNECTION);
        if (connection.isEmpty()) {
            return null;
        }
        Set<String> named = new HashSet<>();
        for (String value : connection) {
            for (String token : value.split(",")) {
                named.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }

    static boolean hopByHop(String name) {
        for (String hop : HOP_BY_HOP) {
            if (hop.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return name.regionMatches(true, 0, "proxy-", 0, 6);
    }
}
