package cn.grid.bench.faults;

import cn.grid.bench.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * order-at-scale (issue 17): three instances of grid-service and of request-service, each with its outbox relay
 * and its consumers, under a load that changes the same aggregates from many clients; one instance of each killed
 * -9 half-way. Then every aggregate's events must be in order in the topics and every read model equal to its
 * owner's table.
 */
final class OrderAtScaleScenario implements Scenario {

    /** One client's step; its answer is counted by status. */
    interface Step {
        Reply run() throws Exception;
    }

    record Comparison(long rows, long differingRequest, long differingStudy, long openOwner, long openDiffering) {
        long differing() {
            return differingRequest + differingStudy;
        }
    }

    private final FaultRun run;

    OrderAtScaleScenario(FaultRun run) {
        this.run = run;
    }

    @Override
    public boolean run() throws Exception {
        Suite suite = run.suite();
        Fixture f = run.fixture();
        String admin = suite.admin();
        long seconds = run.settings().orderSeconds();
        if (!run.control().hasPidFile("grid-service-3") || !run.control().hasPidFile("request-service-3")) {
            throw new IllegalStateException("order-at-scale needs three instances of grid-service and request-service"
                    + " (bench/faults/run starts them when the scenario is named)");
        }
        // a community of its own next to the suite's, and four more grids: the mover shuttles the grids between
        // the two communities (each move rewrites paths in every read model) while tickets are open there
        String community = suite.parentOf(f.grid);
        String streetOfCommunity = suite.parentOf(community);
        String otherCommunity = suite.node("演练二社区", "COMMUNITY", streetOfCommunity);
        List<String> grids = new ArrayList<>(List.of(f.grid));
        for (int i = 1; i <= 4; i++) {
            grids.add(suite.node("演练网格" + i, "GRID", community));
        }
        List<String> renamed = new ArrayList<>(grids);
        renamed.add(community);
        renamed.add(otherCommunity);
        renamed.add(streetOfCommunity);
        suite.registerWorker("faults-order-worker-" + suite.run(), streetOfCommunity);
        String districtWorker = suite.token("faults-order-worker-" + suite.run(), "staff", null);
        for (String g : grids) {
            Pace.awaitTrue("request-service knows grid " + g, Duration.ofSeconds(60),
                    () -> suite.status("/api/v1/requests/grid-nodes/" + g, admin) == 200);
        }

        AtomicBoolean stop = new AtomicBoolean();
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(7);
        List<Future<?>> loops = new ArrayList<>();
        // two renamers over the same nodes: If-Match races (412, read again and retry)
        for (int r = 0; r < 2; r++) {
            int renamer = r;
            loops.add(pool.submit(() -> loop(stop, counts, "rename", () -> {
                String id = renamed.get((int) (Math.random() * renamed.size()));
                Reply current = suite.send("GET", "/api/v1/grids/" + id, admin, null, Map.of());
                String etag = current.headers().firstValue("ETag").orElse("\"0\"");
                return suite.send("PATCH", "/api/v1/grids/" + id, admin, "{\"name\":\"改名%d-%s\"}"
                        .formatted(renamer, UUID.randomUUID().toString().substring(0, 6)), Map.of("If-Match", etag));
            })));
        }
        // one mover: a grid to the other community and back
        loops.add(pool.submit(() -> loop(stop, counts, "move", () -> {
            String id = grids.get((int) (Math.random() * grids.size()));
            Reply current = suite.send("GET", "/api/v1/grids/" + id, admin, null, Map.of());
            String etag = current.headers().firstValue("ETag").orElse("\"0\"");
            String to = community.equals(current.field("parentId")) ? otherCommunity : community;
            return suite.post("/api/v1/grids/" + id + "/move", admin, Map.of("parentId", to), Map.of("If-Match", etag));
        })));
        // two clients walk tickets through the whole lifecycle at the suite's grid (seven events each) ...
        for (int c = 0; c < 2; c++) {
            loops.add(pool.submit(() -> loop(stop, counts, "lifecycle", () -> {
                f.rateOneTicket();
                return new Reply(200, "", null);
            })));
        }
        // ... and two leave tickets open (submitted, some accepted) at the shuttled grids
        for (int c = 0; c < 2; c++) {
            loops.add(pool.submit(() -> loop(stop, counts, "open", () -> {
                String at = grids.get((int) (Math.random() * grids.size()));
                Reply submitted = suite.post("/api/v1/requests", f.citizen, Map.of("category", "neighbour-dispute",
                        "title", "order " + UUID.randomUUID(), "gridNodeId", at),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                if (submitted.status() != 201 || Math.random() < 0.5) {
                    return submitted;
                }
                return suite.move(districtWorker, submitted.field("id"), "accept", null);
            })));
        }
        long started = System.nanoTime();
        Pace.pause(Duration.ofSeconds(seconds / 4));
        run.control().fault("kill-grid-service-2");
        Pace.pause(Duration.ofSeconds(seconds / 4));
        run.control().fault("kill-request-service-2");
        Pace.pause(Duration.ofSeconds(seconds - 2 * (seconds / 4)));
        stop.set(true);
        for (Future<?> l : loops) {
            l.get(180, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long loadEnd = System.nanoTime();
        System.out.printf("load %d s, 3 + 3 instances, grid-service-2 and request-service-2 killed -9 at %d s and %d s%n",
                Duration.ofNanos(loadEnd - started).toSeconds(), seconds / 4, seconds / 2);
        System.out.printf("%-12s %s%n", "operation", "answers by status (exceptions: calls cut by a kill)");
        Report.printCounts(counts);

        // the survivors' relays take over the dead instances' shards; the consumers catch up
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        Comparison nodes;
        Comparison tickets;
        long unsent;
        do {
            Pace.pause(Duration.ofSeconds(1));
            unsent = run.db().scalar("grid_service", "select count(*) from outbox_event where sent_at is null")
                    + run.db().scalar("request_service", "select count(*) from outbox_event where sent_at is null");
            nodes = compareNodes();
            tickets = compareTickets();
        } while ((unsent > 0 || nodes.differing() > 0 || tickets.differing() > 0) && System.nanoTime() < deadline);
        System.out.printf("converged %.1f s after the load stopped (outboxes empty, read models compared)%n",
                (System.nanoTime() - loadEnd) / 1e9);

        EventOrder.Result gridOrder = run.topics().order("grid.events");
        EventOrder.Result requestOrder = run.topics().order("request.events");
        System.out.printf("%n%-16s %8s %8s %10s %11s %13s %11s%n", "topic", "records", "keys", "max/key",
                "duplicates", "out of order", "unnumbered");
        for (EventOrder.Result t : List.of(gridOrder, requestOrder)) {
            System.out.printf("%-16s %8d %8d %10d %11d %13d %11d%n", t.topic(), t.records(), t.keys(), t.maxPerKey(),
                    t.duplicates(), t.outOfOrder(), t.unnumbered());
        }
        System.out.printf("%n%-58s %8s %10s%n", "read model vs owner", "rows", "differing");
        System.out.printf("%-58s %8d %10d%n", "grid_node_view (request-service) vs grid_node", nodes.rows(),
                nodes.differingRequest());
        System.out.printf("%-58s %8d %10d%n", "grid_node_view (study-service) vs grid_node", nodes.rows(),
                nodes.differingStudy());
        System.out.printf("%-58s %8d %10d%n", "request_work_view (grid-service) vs service_request", tickets.rows(),
                tickets.differing());
        System.out.printf("%-58s %8d %10d%n", "open tickets per node (grid-service vs request-service)",
                tickets.openOwner(), tickets.openDiffering());
        System.out.printf("%-58s %8d%n", "outbox rows still unsent (grid + request)", unsent);
        run.control().fault("restart-missing");
        return Report.goal("every key's events in order in the topics, every read model equal to its owner",
                gridOrder.outOfOrder() == 0 && requestOrder.outOfOrder() == 0 && gridOrder.unnumbered() == 0
                        && requestOrder.unnumbered() == 0 && nodes.differing() == 0 && tickets.differing() == 0
                        && tickets.openDiffering() == 0 && unsent == 0);
    }

    /** Runs the step until stopped, counting answers by operation and status (a failure is counted, not fatal). */
    static Void loop(AtomicBoolean stop, Map<String, AtomicInteger> counts, String operation, Step step) {
        while (!stop.get()) {
            String outcome;
            try {
                outcome = Integer.toString(step.run().status());
            } catch (Exception e) {
                outcome = e instanceof IllegalStateException ? "refused" : e.getClass().getSimpleName();
                Pace.pause(Duration.ofMillis(100));
            }
            counts.computeIfAbsent(operation + " " + outcome, k -> new AtomicInteger()).incrementAndGet();
        }
        return null;
    }

    /** grid_node_view in request-service and study-service against grid-service's grid_node, row by row. */
    private Comparison compareNodes() {
        String columns = "cast(id as text), coalesce(cast(parent_id as text), '') || ' ' || path || ' ' || name || ' ' || status";
        Map<String, String> owner = run.db().rows("grid_service", "select " + columns + " from grid_node");
        Map<String, String> request = run.db().rows("request_service", "select " + columns + " from grid_node_view");
        Map<String, String> study = run.db().rows("study_service", "select " + columns + " from grid_node_view");
        return new Comparison(owner.size(), differing(owner, request), differing(owner, study), 0, 0);
    }

    /** grid-service's request_work_view against request-service's tickets, and the open work per node. */
    private Comparison compareTickets() {
        String open = "status not in ('REJECTED', 'CLOSED', 'WITHDRAWN')";
        Map<String, String> owner = run.db().rows("request_service",
                "select cast(id as text), coalesce(cast(grid_node_id as text), '') || ' ' || status from service_request");
        Map<String, String> view = run.db().rows("grid_service",
                "select cast(request_id as text), coalesce(cast(grid_node_id as text), '') || ' ' || status from request_work_view");
        Map<String, String> openOwner = run.db().rows("request_service", "select coalesce(cast(grid_node_id as text), ''), "
                + "cast(count(*) as text) from service_request where " + open + " group by grid_node_id");
        Map<String, String> openView = run.db().rows("grid_service", "select coalesce(cast(grid_node_id as text), ''), "
                + "cast(count(*) as text) from request_work_view where " + open + " group by grid_node_id");
        long openTotal = openOwner.values().stream().mapToLong(Long::parseLong).sum();
        return new Comparison(owner.size(), differing(owner, view), 0, openTotal, differing(openOwner, openView));
    }

    /** How many keys the two maps disagree on (present in one only, or with another value). */
    static long differing(Map<String, String> owner, Map<String, String> copy) {
        Set<String> keys = new HashSet<>(owner.keySet());
        keys.addAll(copy.keySet());
        return keys.stream().filter(k -> !Objects.equals(owner.get(k), copy.get(k))).count();
    }
}
