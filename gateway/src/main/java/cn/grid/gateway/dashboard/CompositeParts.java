package cn.grid.gateway.dashboard;

import cn.grid.gateway.balancing.Ejections;
import cn.grid.gateway.balancing.UpstreamInstance;
import cn.grid.gateway.balancing.UpstreamSelector;
import cn.grid.gateway.config.GatewayConfig;
import cn.grid.gateway.problem.ProblemResponses;
import cn.grid.gateway.proxy.RequestIds;
import cn.grid.gateway.proxy.Route;
import cn.grid.gateway.proxy.Routes;
import cn.grid.gateway.proxy.UpstreamClient;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of the gateway's composite reads (the grid dashboard, the caller's {@code /api/v1/me} and
 * {@code /api/v1/me/work}): one GET to one service with the caller's token, request id and trace context, under
 * the composite timeout ({@code gateway.dashboard.timeout}, or the route's when shorter). A part never fails: a
 * service that is down, too slow or answers something unusable becomes a {@link Part} that says why.
 */
@ApplicationScoped
public class CompositeParts {

    private static final Logger LOG = Logger.getLogger(CompositeParts.class);
    /** A part larger than this is not a figure for a screen but a mistake upstream: it is left out, not relayed. */
    private static final int PART_BODY_LIMIT = 1024 * 1024;

    private final Vertx vertx;
    private final UpstreamClient client;
    private final Routes routes;
    private final ProblemResponses problems;
    private final Duration timeout;
    private final UpstreamSelector selector;
    private final Ejections ejections;

    public CompositeParts(Vertx vertx, UpstreamClient client, Routes routes, ProblemResponses problems,
            GatewayConfig config, UpstreamSelector selector, Ejections ejections) {
        this.vertx = vertx;
        this.client = client;
        this.routes = routes;
        this.problems = problems;
        this.timeout = config.dashboard().timeout();
        this.selector = selector;
        this.ejections = ejections;
    }

    /** What one service answered for its part, or why it did not. */
    public record Part(String name, String service, int status, JsonObject body, String failure) {

        public boolean ok() {
            return status == 200 && body != null;
        }
    }

    /** One part: never a failed future — a failure becomes a Part that says what went wrong. */
    public Future<Part> fetch(RoutingContext ctx, String name, String service, String uri) {
        Route route = routes.byService(service);
        long millis = Math.min(timeout.toMillis(), route.timeout().toMillis());
        Promise<Part> done = Promise.promise();
        long timer = vertx.setTimer(millis, t -> done.tryComplete(
                new Part(name, service, 504, null, "did not answer within " + millis + " ms")));
        // a read, so a part whose instance fails before answering may go to another one (once)
        attempt(ctx, name, service, route, uri, millis, Set.of(), done);
        done.future().onComplete(ignored -> vertx.cancelTimer(timer));
        return done.future();
    }

    private void attempt(RoutingContext ctx, String name, String service, Route route, String uri, long millis,
            Set<String> tried, Promise<Part> done) {
        selector.select(service, route.url(), tried).onComplete(selected -> {
            if (selected.failed()) {
                done.tryComplete(new Part(name, service, 502, null, service + " is unavailable"));
                return;
            }
            UpstreamInstance instance = selected.result();
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setHost(instance.host())
                    .setPort(instance.port())
                    .setSsl(instance.ssl())
                    .setURI(instance.basePath() + uri)
                    .setHeaders(headers(ctx))
                    .setConnectTimeout(millis);
            client.current().request(options)
                    .compose(request -> {
                        request.idleTimeout(millis);
                        return request.send();
                    })
                    .compose(response -> {
                        instance.recordReply();
                        ejections.succeeded(instance);
                        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
                        if (length != null && parseLong(length) > PART_BODY_LIMIT) {
                            response.request().reset();
                            return Future.succeededFuture(new Part(name, service, 502, null,
                                    "answered " + length + " bytes, more than a composite part may hold"));
                        }
                        return response.body().map(body -> part(name, service, response.statusCode(), body));
                    })
                    .onComplete(result -> {
                        instance.recordEnd(result.failed() ? result.cause() : null);
                        if (result.succeeded()) {
                            done.tryComplete(result.result());
                            return;
                        }
                        LOG.debugf("request %s: dashboard part %s from %s failed: %s", RequestIds.of(ctx), name,
                                instance, result.cause());
                        if (done.future().isComplete()) {
                            return;
                        }
                        ejections.failed(instance, result.cause());
                        Set<String> now = new HashSet<>(tried);
                        now.add(instance.address());
                        if (tried.isEmpty()) {
                            attempt(ctx, name, service, route, uri, millis, now, done);
                        } else {
                            done.tryComplete(new Part(name, service, 502, null, service + " is unavailable"));
                        }
                    });
        });
    }

    private static Part part(String name, String service, int status, Buffer body) {
        if (body.length() > PART_BODY_LIMIT) {
            return new Part(name, service, 502, null, "answered more than a composite part may hold");
        }
        JsonObject json;
        try {
            json = body.length() == 0 ? null : new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            return new Part(name, service, 502, null, "answered " + status + " with a body that is not a JSON object");
        }
        if (status == 200) {
            return json == null ? new Part(name, service, 502, null, "answered 200 without a body")
                    : new Part(name, service, 200, json, null);
        }
        String detail = json == null ? null : json.getString("detail");
        return new Part(name, service, status, json, detail != null ? detail : "answered " + status);
    }

    /**
     * The caller's token and request id: each service checks the caller itself. The trace context is the HTTP
     * client's to add: each call is a client span of the request's trace, so the three calls share one trace id.
     */
    private static MultiMap headers(RoutingContext ctx) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (String name : List.of("Authorization", "Accept-Language")) {
            String value = ctx.request().getHeader(name);
            if (value != null) {
                headers.set(name, value);
            }
        }
        headers.set("X-Request-Id", RequestIds.of(ctx));
        headers.set(HttpHeaders.ACCEPT, "application/json");
        return headers;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Passes a part's refusal (404, 403, 400 ...) on as the answer, in the caller's problem+json. */
    public void relayProblem(RoutingContext ctx, Part node) {
        JsonObject body = node.body() != null ? node.body() : new JsonObject();
        ProblemType type = ProblemType.forStatus(node.status());
        String detail = body.getString("detail", node.failure());
        problems.send(ctx, new Problem(type.uri(), type.title(), node.status(), detail, ctx.request().path(), null));
    }

    /** The composite's answer: 200 JSON, never cached (it is the caller's). */
    public static void sendJson(RoutingContext ctx, JsonObject answer) {
        ctx.response().setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Request-Id", RequestIds.of(ctx))
                .end(answer.toBuffer());
    }
}
