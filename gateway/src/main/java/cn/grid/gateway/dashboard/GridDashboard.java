package cn.grid.gateway.dashboard;

import cn.grid.gateway.balancing.Ejections;
import cn.grid.gateway.balancing.UpstreamInstance;
import cn.grid.gateway.balancing.UpstreamSelector;
import cn.grid.gateway.config.GatewayConfig;
import cn.grid.gateway.problem.ProblemResponses;
import cn.grid.gateway.proxy.RequestIds;
import cn.grid.gateway.proxy.Route;
import cn.grid.gateway.proxy.Routes;
import cn.grid.gateway.proxy.TraceContext;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import cn.grid.gateway.proxy.UpstreamClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/v1/dashboard/grids/{id}?month=YYYY-MM}: one answer for a mobile backend's grid screen — the node
 * (grid-service), its ticket statistics for the month (request-service) and its 一课一片一实践 summary
 * (study-service) — fetched in parallel with the caller's own token, so each service applies its own scope and
 * role rules to its part.
 *
 * <p>The node decides whether there is a screen at all: when grid-service says 404 or 403 that answer is passed
 * on. Any other part that fails (service down, too slow, not allowed for this caller) is left out: the answer is
 * still 200, {@code partial} is true and {@code missing} names the part, the service and why. Only when no part
 * could be fetched is the answer a 502.
 */
@ApplicationScoped
public class GridDashboard {

    public static final String PATH = "/api/v1/dashboard/grids/:id";

    private static final Logger LOG = Logger.getLogger(GridDashboard.class);
    private static final ZoneId GRID_ZONE = ZoneId.of("Asia/Shanghai");
    /** A part larger than this is not a dashboard figure but a mistake upstream: it is left out, not relayed. */
    private static final int PART_BODY_LIMIT = 1024 * 1024;

    private final Vertx vertx;
    private final UpstreamClient client;
    private final Routes routes;
    private final ProblemResponses problems;
    private final Duration timeout;
    private final UpstreamSelector selector;
    private final Ejections ejections;

    public GridDashboard(Vertx vertx, UpstreamClient client, Routes routes, ProblemResponses problems,
            GatewayConfig config, UpstreamSelector selector, Ejections ejections) {
        this.vertx = vertx;
        this.selector = selector;
        this.ejections = ejections;
        this.client = client;
        this.routes = routes;
        this.problems = problems;
        this.timeout = config.dashboard().timeout();
    }

    /** What one service answered for its part, or why it did not. */
    record Part(String name, String service, int status, JsonObject body, String failure) {

        boolean ok() {
            return status == 200 && body != null;
        }
    }

    public void handle(RoutingContext ctx) {
        UUID nodeId;
        try {
            nodeId = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            problems.send(ctx, ProblemType.VALIDATION, "the grid node id must be a UUID",
                    List.of(new Problem.FieldError("id", "not a UUID")));
            return;
        }
        String monthParam = ctx.request().getParam("month");
        YearMonth month;
        try {
            month = monthParam == null ? YearMonth.now(GRID_ZONE) : YearMonth.parse(monthParam);
        } catch (DateTimeParseException e) {
            problems.send(ctx, ProblemType.VALIDATION, "month must be YYYY-MM",
                    List.of(new Problem.FieldError("month", "not YYYY-MM")));
            return;
        }
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        Future<Part> node = fetch(ctx, "node", "grid-service", "/api/v1/grids/" + nodeId);
        Future<Part> requests = fetch(ctx, "requests", "request-service",
                "/api/v1/requests/stats?gridNodeId=" + nodeId + "&from=" + from + "&to=" + to);
        Future<Part> study = fetch(ctx, "study", "study-service",
                "/api/v1/study/compliance/grid-nodes/" + nodeId + "?month=" + encode(month.toString()));
        Future.join(node, requests, study).onComplete(all -> answer(ctx, nodeId, month,
                List.of(node.result(), requests.result(), study.result())));
    }

    private void answer(RoutingContext ctx, UUID nodeId, YearMonth month, List<Part> parts) {
        Part node = parts.get(0);
        if (node.status() == 404 || node.status() == 403 || node.status() == 400) {
            // no such grid, or not this caller's: there is no screen, whatever the other services said
            relayProblem(ctx, node);
            return;
        }
        JsonObject answer = new JsonObject().put("gridNodeId", nodeId.toString()).put("month", month.toString());
        JsonArray missing = new JsonArray();
        for (Part part : parts) {
            answer.put(part.name(), part.ok() ? part.body() : null);
            if (!part.ok()) {
                missing.add(new JsonObject().put("part", part.name()).put("service", part.service())
                        .put("status", part.status()).put("detail", part.failure()));
            }
        }
        answer.put("partial", !missing.isEmpty()).put("missing", missing);
        if (missing.size() == parts.size()) {
            problems.send(ctx, ProblemType.BAD_GATEWAY, "no part of the dashboard could be fetched: "
                    + parts.stream().map(p -> p.service() + " " + p.failure()).toList());
            return;
        }
        ctx.response().setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Request-Id", RequestIds.of(ctx))
                .end(answer.toBuffer());
    }

    private void relayProblem(RoutingContext ctx, Part node) {
        JsonObject body = node.body() != null ? node.body() : new JsonObject();
        ProblemType type = ProblemType.forStatus(node.status());
        String detail = body.getString("detail", node.failure());
        problems.send(ctx, new Problem(type.uri(), type.title(), node.status(), detail, ctx.request().path(), null));
    }

    /** One part: never a failed future — a failure becomes a Part that says what went wrong. */
    private Future<Part> fetch(RoutingContext ctx, String name, String service, String uri) {
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
                                    "answered " + length + " bytes, more than a dashboard part may hold"));
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
            return new Part(name, service, 502, null, "answered more than a dashboard part may hold");
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
     * The caller's token, request id and trace context (the gateway's traceparent: the caller's, or the one made
     * for this request, so the three calls share one trace id): each service checks the caller itself.
     */
    private static MultiMap headers(RoutingContext ctx) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (String name : List.of("Authorization", "Accept-Language")) {
            String value = ctx.request().getHeader(name);
            if (value != null) {
                headers.set(name, value);
            }
        }
        headers.set(TraceContext.TRACEPARENT, TraceContext.of(ctx));
        String tracestate = ctx.request().getHeader(TraceContext.TRACESTATE);
        if (tracestate != null && !TraceContext.replaced(ctx)) {
            headers.set(TraceContext.TRACESTATE, tracestate);
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
