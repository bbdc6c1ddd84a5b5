package cn.grid.gateway.dashboard;

import cn.grid.gateway.dashboard.CompositeParts.Part;
import cn.grid.gateway.problem.ProblemResponses;
import cn.grid.platform.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The caller's home screen, composed like the grid dashboard from each service's own {@code /me} answers, fetched in
 * parallel with the caller's token (each service decides from the registry who the caller is and what they may see):
 * <ul>
 *   <li>{@code GET /api/v1/me}: the caller's person with roles per node, organisations and teams (grid-service
 *   {@code /api/v1/people/me}; {@code person: null} when the login is linked to no person), their points
 *   (study-service {@code /api/v1/study/me}), the counts of their open work, summed per kind over the three
 *   work lists, and how many of their notifications are unread (notification-service's
 *   {@code /api/v1/me/notifications?limit=1}, its {@code unreadCount}; {@code notifications: null} when it did not
 *   come);</li>
 *   <li>{@code GET /api/v1/me/work}: the three work lists (grid-service {@code /api/v1/people/me/work},
 *   study-service {@code /api/v1/study/me/work}, request-service {@code /api/v1/requests/me/work}) merged: items by
 *   {@code dueAt}, soonest first, those without one last; counts summed per kind.</li>
 * </ul>
 * A part that fails (service down, too slow, a refusal) is left out: still 200, {@code partial: true} and
 * {@code missing} naming the part, the service and why. Only when nothing could be fetched is the answer a 502.
 */
@ApplicationScoped
public class MyHome {

    public static final String ME = "/api/v1/me";
    public static final String WORK = "/api/v1/me/work";

    /** The inbox read for its unread count only: the smallest page, whose items are not used. */
    static final String UNREAD_PART_URI = "/api/v1/me/notifications?limit=1";

    /** Each service's part of the work list: part name, service, path. */
    private static final List<String[]> WORK_PARTS = List.of(
            new String[] {"grid", "grid-service", "/api/v1/people/me/work"},
            new String[] {"study", "study-service", "/api/v1/study/me/work"},
            new String[] {"requests", "request-service", "/api/v1/requests/me/work"});

    private final CompositeParts parts;
    private final ProblemResponses problems;

    public MyHome(CompositeParts parts, ProblemResponses problems) {
        this.parts = parts;
        this.problems = problems;
    }

    public void me(RoutingContext ctx) {
        Future<Part> person = parts.fetch(ctx, "person", "grid-service", "/api/v1/people/me");
        Future<Part> points = parts.fetch(ctx, "points", "study-service", "/api/v1/study/me");
        Future<Part> inbox = parts.fetch(ctx, "notifications", "notification-service", UNREAD_PART_URI)
                .map(MyHome::unreadCount);
        List<Future<Part>> work = workParts(ctx);
        List<Future<Part>> all = new ArrayList<>(List.of(person, points, inbox));
        all.addAll(work);
        Future.join(all).onComplete(done -> {
            Part personPart = person.result();
            // a login linked to no person is an answer, not a failure: the person is null, the rest still counts
            boolean unlinked = personPart.status() == 404;
            JsonObject answer = new JsonObject()
                    .put("person", personPart.ok() ? personPart.body() : null)
                    .put("points", points.result().ok() ? points.result().body() : null)
                    .put("notifications", inbox.result().ok() ? inbox.result().body() : null);
            List<Part> workParts = work.stream().map(Future::result).toList();
            JsonObject openWork = new JsonObject().put("counts", summedCounts(workParts));
            openWork.put("total", openWork.getJsonObject("counts").stream()
                    .mapToLong(e -> ((Number) e.getValue()).longValue()).sum());
            answer.put("openWork", openWork);
            List<Part> fetched = new ArrayList<>();
            if (!unlinked) {
                fetched.add(personPart);
            }
            fetched.add(points.result());
            fetched.add(inbox.result());
            fetched.addAll(workParts);
            send(ctx, answer, fetched, all.size(), "/api/v1/me");
        });
    }

    public void work(RoutingContext ctx) {
        List<Future<Part>> work = workParts(ctx);
        Future.join(new ArrayList<>(work)).onComplete(done -> {
            List<Part> fetched = work.stream().map(Future::result).toList();
            List<JsonObject> items = new ArrayList<>();
            boolean truncated = false;
            for (Part part : fetched) {
                if (part.ok()) {
                    Object listed = part.body().getValue("items");
                    for (Object item : listed instanceof JsonArray array ? array : new JsonArray()) {
                        if (item instanceof JsonObject json) {
                            items.add(json);
                        }
                    }
                    truncated |= Boolean.TRUE.equals(part.body().getValue("truncated"));
                }
            }
            items.sort(Comparator.comparing(MyHome::dueAt, Comparator.nullsLast(Comparator.naturalOrder())));
            JsonObject answer = new JsonObject().put("items", new JsonArray(new ArrayList<>(items)))
                    .put("counts", summedCounts(fetched)).put("truncated", truncated);
            send(ctx, answer, fetched, fetched.size(), "/api/v1/me/work");
        });
    }

    private List<Future<Part>> workParts(RoutingContext ctx) {
        return WORK_PARTS.stream().map(p -> parts.fetch(ctx, p[0], p[1], p[2])).toList();
    }

    /** Adds partial/missing from the parts that were fetched (or failed); 502 when none of {@code asked} came. */
    private void send(RoutingContext ctx, JsonObject answer, List<Part> fetched, int asked, String what) {
        JsonArray missing = new JsonArray();
        for (Part part : fetched) {
            if (!part.ok()) {
                missing.add(new JsonObject().put("part", part.name()).put("service", part.service())
                        .put("status", part.status()).put("detail", part.failure()));
            }
        }
        answer.put("partial", !missing.isEmpty()).put("missing", missing);
        if (missing.size() == asked) {
            problems.send(ctx, ProblemType.BAD_GATEWAY, "no part of " + what + " could be fetched: "
                    + fetched.stream().map(p -> p.service() + " " + p.failure()).toList());
            return;
        }
        CompositeParts.sendJson(ctx, answer);
    }

    /**
     * The inbox page reduced to what the home screen shows, {@code {"unreadCount": n}}; a page without a count is
     * an unusable answer, left out like a failed part.
     */
    private static Part unreadCount(Part inbox) {
        if (!inbox.ok()) {
            return inbox;
        }
        if (!(inbox.body().getValue("unreadCount") instanceof Number count)) {
            return new Part(inbox.name(), inbox.service(), 502, null, "answered without an unreadCount");
        }
        return new Part(inbox.name(), inbox.service(), 200, new JsonObject().put("unreadCount", count.longValue()),
                null);
    }

    /** Each kind's count summed over the work lists that answered (kinds in name order). */
    private static JsonObject summedCounts(List<Part> workParts) {
        Map<String, Long> counts = new TreeMap<>();
        for (Part part : workParts) {
            if (!part.ok()) {
                continue;
            }
            if (!(part.body().getValue("counts") instanceof JsonObject partCounts)) {
                continue;
            }
            for (String kind : partCounts.fieldNames()) {
                Object value = partCounts.getValue(kind);
                if (value instanceof Number n) {
                    counts.merge(kind, n.longValue(), Long::sum);
                }
            }
        }
        return new JsonObject(new java.util.LinkedHashMap<>(counts));
    }

    private static OffsetDateTime dueAt(JsonObject item) {
        Object due = item.getValue("dueAt");
        if (!(due instanceof String text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
