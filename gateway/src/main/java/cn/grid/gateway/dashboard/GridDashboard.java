package cn.grid.gateway.dashboard;

import cn.grid.gateway.dashboard.CompositeParts.Part;
import cn.grid.gateway.problem.ProblemResponses;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
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

    private static final ZoneId GRID_ZONE = ZoneId.of("Asia/Shanghai");

    private final CompositeParts parts;
    private final ProblemResponses problems;

    public GridDashboard(CompositeParts parts, ProblemResponses problems) {
        this.parts = parts;
        this.problems = problems;
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
        Future<Part> node = parts.fetch(ctx, "node", "grid-service", "/api/v1/grids/" + nodeId);
        Future<Part> requests = parts.fetch(ctx, "requests", "request-service",
                "/api/v1/requests/stats?gridNodeId=" + nodeId + "&from=" + from + "&to=" + to);
        Future<Part> study = parts.fetch(ctx, "study", "study-service",
                "/api/v1/study/compliance/grid-nodes/" + nodeId + "?month=" + encode(month.toString()));
        Future.join(node, requests, study).onComplete(all -> answer(ctx, nodeId, month,
                List.of(node.result(), requests.result(), study.result())));
    }

    private void answer(RoutingContext ctx, UUID nodeId, YearMonth month, List<Part> fetched) {
        Part node = fetched.get(0);
        if (node.status() == 404 || node.status() == 403 || node.status() == 400) {
            // no such grid, or not this caller's: there is no screen, whatever the other services said
            parts.relayProblem(ctx, node);
            return;
        }
        JsonObject answer = new JsonObject().put("gridNodeId", nodeId.toString()).put("month", month.toString());
        JsonArray missing = new JsonArray();
        for (Part part : fetched) {
            answer.put(part.name(), part.ok() ? part.body() : null);
            if (!part.ok()) {
                missing.add(new JsonObject().put("part", part.name()).put("service", part.service())
                        .put("status", part.status()).put("detail", part.failure()));
            }
        }
        answer.put("partial", !missing.isEmpty()).put("missing", missing);
        if (missing.size() == fetched.size()) {
            problems.send(ctx, ProblemType.BAD_GATEWAY, "no part of the dashboard could be fetched: "
                    + fetched.stream().map(p -> p.service() + " " + p.failure()).toList());
            return;
        }
        CompositeParts.sendJson(ctx, answer);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
