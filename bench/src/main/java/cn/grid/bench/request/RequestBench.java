package cn.grid.bench.request;

import cn.grid.bench.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * request-service benchmark (issue 4), run by bench/request/run as {@code bench request <command> ...}
 * ({@link RequestCommand}). The commands:
 *
 * <pre>
 *   setup  &lt;gatewayUrl&gt; &lt;adminToken&gt; &lt;jdbcUrl&gt;
 *          get-or-create the bench grid tree through the gateway (1 district, 1 street, 10 communities,
 *          10 grids each, with boundaries on a lattice) and wait until request-service knows all of it
 *   submit &lt;gatewayUrl&gt; &lt;citizenToken&gt; &lt;jdbcUrl&gt; &lt;requests&gt; &lt;concurrency&gt;
 *          POST /api/v1/requests against raw single-row INSERTs into a scratch table, same concurrency
 *   list   &lt;requestUrl&gt; &lt;gatewayUrl&gt; &lt;adminToken&gt; &lt;citizenToken&gt; &lt;jdbcUrl&gt; &lt;requests&gt; &lt;concurrency&gt;
 *          list latency on the seeded 1M tickets, request-service directly and through the gateway
 *   worklist &lt;requestUrl&gt; &lt;gatewayUrl&gt; &lt;adminToken&gt; &lt;jdbcUrl&gt; &lt;requests&gt;
 *          issue 18: a grid worker's filtered, deadline-sorted work lists at ONE client against the primary-key
 *          GET, requests interleaved so that both see the same machine; goal list p99 &lt; PK GET p99 x 2
 * </pre>
 */
public class RequestBench {

    /** The bench district's code in grid-service; everything of the bench hangs below it. */
    static final String DISTRICT_CODE = "BENCH-REQ";
    static final int COMMUNITIES = 10;
    static final int GRIDS = 10;
    /** The lattice: the district (and its one street) covers this box; community c is the c-th latitude band,
     * grid g of it the g-th longitude cell. The seed (seed.sql) places tickets with the same arithmetic. */
    static final double LAT0 = 25.56, LAT_STEP = 0.02, LON0 = 103.70, LON_STEP = 0.025;

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    // ---------------------------------------------------------------------------------------------------------
    // setup: the grid tree, through the API (idempotent)
    // ---------------------------------------------------------------------------------------------------------

    static void setup(String gateway, String token, String jdbcUrl) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            String district = districtId(db).orElse(null);
            if (district == null) {
                HttpResponse<String> r = send(gateway, token, "POST", "/api/v1/grids",
                        "{\"name\":\"基准测试区\",\"level\":\"DISTRICT\",\"code\":\"" + DISTRICT_CODE + "\"}", null);
                if (r.statusCode() == 201) {
                    district = field(r.body(), "id");
                } else if (r.statusCode() == 409) {
                    // created by an earlier run that stopped before request-service learnt it: wait for the event
                    district = waitFor(() -> districtId(db), "district " + DISTRICT_CODE + " in grid_node_view");
                } else {
                    throw new IllegalStateException("creating the bench district: " + r.statusCode() + " " + r.body());
                }
            }
            boundary(gateway, token, district, LAT0, LON0, LAT0 + COMMUNITIES * LAT_STEP, LON0 + GRIDS * LON_STEP);
            String street = child(gateway, token, district, "STREET", "S0", "基准街道");
            boundary(gateway, token, street, LAT0, LON0, LAT0 + COMMUNITIES * LAT_STEP, LON0 + GRIDS * LON_STEP);
            for (int c = 0; c < COMMUNITIES; c++) {
                String community = child(gateway, token, street, "COMMUNITY", "C" + c, "基准社区" + c);
                double lat = LAT0 + c * LAT_STEP;
                boundary(gateway, token, community, lat, LON0, lat + LAT_STEP, LON0 + GRIDS * LON_STEP);
                for (int g = 0; g < GRIDS; g++) {
                    String grid = child(gateway, token, community, "GRID", "C" + c + "G" + g, "基准网格" + c + "-" + g);
                    double lon = LON0 + g * LON_STEP;
                    boundary(gateway, token, grid, lat, lon, lat + LAT_STEP, lon + LON_STEP);
                }
            }
            int expected = 2 + COMMUNITIES + COMMUNITIES * GRIDS;
            String districtId = district;
            waitFor(() -> {
                try (PreparedStatement ps = db.prepareStatement("""
                        select (select count(*) from grid_node_view n where n.path like '%/' || ?::text || '/%'),
                               (select count(*) from grid_boundary_view b join grid_node_view n on n.id = b.node_id
                                 where n.path like '%/' || ?::text || '/%')""")) {
                    ps.setString(1, districtId);
                    ps.setString(2, districtId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1) >= expected && rs.getInt(2) >= expected ? Optional.of(true) : Optional.empty();
                    }
                }
            }, expected + " bench nodes and boundaries in request-service's grid_node_view / grid_boundary_view");
            System.out.printf("grid tree ready: district %s, %d nodes with boundaries known to request-service%n",
                    district, expected);
        }
    }

    static Optional<String> districtId(Connection db) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(
                "select id::text from grid_node_view where level = 'DISTRICT' and code = ? and parent_id is null")) {
            ps.setString(1, DISTRICT_CODE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The child of {@code parent} with {@code code}, created if missing. */
    static String child(String gateway, String token, String parent, String level, String code, String name)
            throws Exception {
        HttpResponse<String> list = send(gateway, token, "GET", "/api/v1/grids/" + parent + "/children?limit=100",
                null, null);
        check(list, 200, "children of " + parent);
        for (JsonNode item : Json.tree(list.body()).path("items")) {
            if (code.equals(item.path("code").asText())) {
                return item.path("id").asText();
            }
        }
        HttpResponse<String> r = send(gateway, token, "POST", "/api/v1/grids", "{\"name\":\"" + name + "\",\"level\":\""
                + level + "\",\"code\":\"" + code + "\",\"parentId\":\"" + parent + "\",\"households\":300}", null);
        check(r, 201, "creating " + level + " " + code);
        return field(r.body(), "id");
    }

    /** Sets a rectangular boundary unless the node has one. */
    static void boundary(String gateway, String token, String node, double lat0, double lon0, double lat1, double lon1)
            throws Exception {
        if (send(gateway, token, "GET", "/api/v1/grids/" + node + "/boundary", null, null).statusCode() == 200) {
            return;
        }
        String ring = String.format(Locale.ROOT, "[[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f]]",
                lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0);
        HttpResponse<String> r = send(gateway, token, "PUT", "/api/v1/grids/" + node + "/boundary",
                "{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}", null);
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new IllegalStateException("boundary of " + node + ": " + r.statusCode() + " " + r.body());
        }
    }

    interface Probe<T> {
        Optional<T> get() throws Exception;
    }

    static <T> T waitFor(Probe<T> probe, String what) {
        AtomicReference<T> found = new AtomicReference<>();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
                Optional<T> value = probe.get();
                value.ifPresent(found::set);
                return value.isPresent();
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("gave up after 120 s waiting for " + what
                    + " (is request-service consuming grid.events? see deploy/local/.state/logs/request-service.log)");
        }
        return found.get();
    }

    // ---------------------------------------------------------------------------------------------------------
    // submit: POST /api/v1/requests through the gateway against raw single-row INSERTs
    // ---------------------------------------------------------------------------------------------------------

    static void submit(String gateway, String token, String jdbcUrl, int requests, int concurrency) throws Exception {
        int warmup = Math.max(200, requests / 10);
        try (Connection admin = DriverManager.getConnection(jdbcUrl); Statement st = admin.createStatement()) {
            st.execute("drop table if exists bench_insert");
            st.execute("create table bench_insert (id uuid primary key, payload text not null, at timestamptz not null)");
        }
        try {
            Job<String> post = (ignored, i) -> {
                HttpResponse<String> r = send(gateway, token, "POST", "/api/v1/requests", submitBody(i),
                        UUID.randomUUID().toString());
                return r.statusCode() == 201 ? null : r.statusCode() + " " + r.body();
            };
            String insertSql = "insert into bench_insert (id, payload, at) values (?, ?, now())";
            Job<PreparedStatement> insert = (ps, i) -> {
                ps.setObject(1, uuid7());
                ps.setString(2, submitBody(i) + PADDING);
                ps.executeUpdate();
                return null;
            };
            System.out.printf("warming up (%d submits, %d inserts)...%n", warmup, warmup);
            runJdbc(jdbcUrl, insertSql, insert, warmup, concurrency, "raw");
            runHttp(post, warmup, concurrency, "submit");
            Result raw = runJdbc(jdbcUrl, insertSql, insert, requests, concurrency,
                    "raw INSERT, autocommit single row (JDBC, same PostgreSQL)");
            Result submit = runHttp(post, requests, concurrency, "POST /api/v1/requests via gateway (citizen)");
            System.out.printf("%n%d requests each, %d concurrent clients; submits carry a unique Idempotency-Key and a "
                    + "location inside the bench lattice (routed to one of its 100 grids)%n", requests, concurrency);
            System.out.printf("%-58s %9s %9s %9s %7s%n", "submit throughput", "req/s", "p50 ms", "p99 ms", "errors");
            for (Result r : List.of(raw, submit)) {
                System.out.printf(Locale.ROOT, "%-58s %9.0f %9.2f %9.2f %7d%n", r.name(), r.perSecond(),
                        r.percentile(50), r.percentile(99), r.errors());
            }
            System.out.printf(Locale.ROOT, "%-58s %9.2f   (goal >= 0.60: %s)%n", "ratio submit / raw (req/s)",
                    submit.perSecond() / raw.perSecond(), submit.perSecond() / raw.perSecond() >= 0.6 ? "met" : "NOT met");
            printCpu(List.of(raw, submit));
            if (submit.firstError() != null) {
                System.out.println("first submit error: " + submit.firstError());
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(jdbcUrl); Statement st = admin.createStatement()) {
                st.execute("drop table if exists bench_insert");
            }
        }
    }

    /**
     * How fast the SLA sweep works off a backlog of resolved tickets nobody rated (RESOLVED → CLOSED, audited and
     * announced): clones {@code tickets} seeded RESOLVED rows as 'bench-backlog' tickets resolved before the rating
     * window, waits for the running request-service's scheduled sweep to close them all, and computes the rate
     * from the sweep's own timestamps (each batch of 200 is stamped with the moment it started). Baseline in the
     * same run: raw single-row autocommit INSERTs from one client, as the sweep is one thread.
     */
    static void backlog(String jdbcUrl, int tickets, Duration ratingWindow) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
            st.execute("drop table if exists bench_insert");
            st.execute("create table bench_insert (id uuid primary key, payload text not null, at timestamptz not null)");
            // the seed holds a few thousand RESOLVED tickets; each is cloned as often as the backlog needs
            st.execute("create temporary table backlog as select s.* from (select * from service_request "
                    + "where status = 'RESOLVED' and reporter_id like 'bench-seed-%' limit " + tickets + ") s "
                    + "cross join generate_series(1, " + tickets + ") g limit " + tickets);
            st.execute("update backlog set id = gen_random_uuid(), reporter_id = 'bench-backlog', rating = null, "
                    + "closed_at = null, resolved_at = now() - interval '" + ratingWindow.toSeconds()
                    + " seconds' - interval '1 day'");
            // due_at is computed by PostgreSQL (V8) and takes no value of its own
            st.execute("alter table backlog drop column if exists due_at");
            int cloned = st.executeUpdate("insert into service_request select * from backlog");
            if (cloned == 0) {
                throw new IllegalStateException("the seed holds no RESOLVED ticket to clone");
            }
        }
        String insertSql = "insert into bench_insert (id, payload, at) values (?, ?, now())";
        Job<PreparedStatement> insert = (ps, i) -> {
            ps.setObject(1, uuid7());
            ps.setString(2, submitBody(i) + PADDING);
            ps.executeUpdate();
            return null;
        };
        try {
            Result raw = runJdbc(jdbcUrl, insertSql, insert, tickets, 1, "raw INSERT, autocommit single row, 1 client");
            System.out.printf("%d tickets past the rating window; waiting for the scheduled sweep "
                    + "(grid.requests.sla.sweep-every) to close them...%n", tickets);
            String done = "select count(*) filter (where status = 'CLOSED'), "
                    + "extract(epoch from max(closed_at) - min(closed_at)), "
                    + "count(distinct closed_at) from service_request where reporter_id = 'bench-backlog'";
            double[] figures = new double[3];
            Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery(done)) {
                    rs.next();
                    figures[0] = rs.getLong(1);
                    figures[1] = rs.getDouble(2);
                    figures[2] = rs.getLong(3);
                    return figures[0] == tickets;
                }
            });
            // the first batch's stamp opens the interval, so its tickets are not in the rate
            double batches = figures[2];
            double closedPerSecond = figures[1] > 0 ? (tickets - tickets / batches) / figures[1] : Double.NaN;
            System.out.printf(Locale.ROOT, "%-58s %9.0f /s%n", raw.name(), raw.perSecond());
            System.out.printf(Locale.ROOT, "%-58s %9.0f /s  (%d tickets in %.0f batches over %.2f s)%n",
                    "SLA sweep closing unrated tickets", closedPerSecond, tickets, batches, figures[1]);
            System.out.printf(Locale.ROOT, "%-58s %9.2f%n", "ratio sweep closes / raw INSERTs", closedPerSecond / raw.perSecond());
        } finally {
            try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
                st.execute("drop table if exists bench_insert");
            }
        }
    }

    /** About what a ticket row carries beyond the submitted JSON (grid path, reporter, status ...): the scratch
     * rows are about as wide as a ticket row (~300 bytes). */
    static final String PADDING = "x".repeat(180);

    static String submitBody(int i) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        double lat = LAT0 + 0.0005 + r.nextDouble() * (COMMUNITIES * LAT_STEP - 0.001);
        double lon = LON0 + 0.0005 + r.nextDouble() * (GRIDS * LON_STEP - 0.001);
        return String.format(Locale.ROOT, "{\"type\":\"PROBLEM_REPORT\",\"title\":\"bench 水管爆裂 %d\","
                + "\"location\":{\"lat\":%.6f,\"lon\":%.6f}}", i, lat, lon);
    }

    static UUID uuid7() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID((millis << 16) | 0x7000L | r.nextInt(1 << 12),
                (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    // ---------------------------------------------------------------------------------------------------------
    // list: latency on the seeded 1M tickets
    // ---------------------------------------------------------------------------------------------------------

    static void list(String requestUrl, String gateway, String adminToken, String citizenToken, String jdbcUrl,
            int requests, int concurrency) throws Exception {
        Fixture f = Fixture.load(jdbcUrl);
        System.out.printf("fixture: %,d seeded tickets, all in the street's subtree, %,d of them the bench citizen's; "
                + "cursors from %,d sampled tickets%n", f.seeded, f.citizenCount, f.sample.size());
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new Scenario("baseline: GET /requests/{id} (primary key)", adminToken,
                () -> "/api/v1/requests/" + pick(f.sample).id()));
        scenarios.add(new Scenario("first page of a grid (~10k of 1M)", adminToken,
                () -> "/api/v1/requests?limit=20&gridNodeId=" + pick(f.grids).id()));
        scenarios.add(new Scenario("first page of a community (~100k of 1M)", adminToken,
                () -> "/api/v1/requests?limit=20&gridNodeId=" + pick(f.communities).id()));
        scenarios.add(new Scenario("first page of the street (1M)", adminToken,
                () -> "/api/v1/requests?limit=20&gridNodeId=" + f.street.id()));
        scenarios.add(new Scenario("deep keyset page of a grid", adminToken, () -> {
            Node grid = pick(f.grids);
            return "/api/v1/requests?limit=20&gridNodeId=" + grid.id() + "&cursor=" + cursor(pick(f.byGrid.get(grid.path())));
        }));
        scenarios.add(new Scenario("deep keyset page of a community", adminToken, () -> {
            Node community = pick(f.communities);
            return "/api/v1/requests?limit=20&gridNodeId=" + community.id() + "&cursor="
                    + cursor(pick(f.byCommunity.get(community.path())));
        }));
        scenarios.add(new Scenario("deep keyset page of the street", adminToken,
                () -> "/api/v1/requests?limit=20&gridNodeId=" + f.street.id() + "&cursor=" + cursor(pick(f.sample).id())));
        scenarios.add(new Scenario("citizen's own list, first page (1,000 tickets)", citizenToken,
                () -> "/api/v1/requests?limit=20"));
        scenarios.add(new Scenario("citizen's own list, deep keyset page", citizenToken,
                () -> "/api/v1/requests?limit=20&cursor=" + cursor(pick(f.citizenIds))));

        int warmup = Math.max(200, requests / 10);
        Map<String, List<Result>> byTarget = new LinkedHashMap<>();
        for (String[] target : new String[][] {{"request-service " + requestUrl, requestUrl},
                {"gateway " + gateway, gateway}}) {
            System.out.printf("warming up %s (%d requests per scenario)...%n", target[0], warmup);
            for (Scenario s : scenarios) {
                runHttp(get(target[1], s), warmup, concurrency, s.name());
            }
            List<Result> results = new ArrayList<>();
            for (Scenario s : scenarios) {
                results.add(runHttp(get(target[1], s), requests, concurrency, s.name()));
            }
            byTarget.put(target[0], results);
        }
        for (Map.Entry<String, List<Result>> e : byTarget.entrySet()) {
            List<Result> results = e.getValue();
            Result baseline = results.get(0);
            System.out.printf("%n%s: %d requests per scenario, %d concurrent, limit=20 (goal: list p99 < 15 ms)%n",
                    e.getKey(), requests, concurrency);
            System.out.printf("%-50s %8s %8s %7s %9s %9s %6s %6s%n", "scenario", "p50 ms", "p99 ms", "req/s",
                    "p50/base", "p99/base", "<15ms", "errors");
            for (Result r : results) {
                System.out.printf(Locale.ROOT, "%-50s %8.2f %8.2f %7.0f %9.2f %9.2f %6s %6d%n", r.name(),
                        r.percentile(50), r.percentile(99), r.perSecond(), r.percentile(50) / baseline.percentile(50),
                        r.percentile(99) / baseline.percentile(99), r == baseline ? "" : r.percentile(99) < 15 ? "yes" : "NO",
                        r.errors());
                if (r.firstError() != null) {
                    System.out.println("   first error: " + r.firstError());
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // worklist (issue 18): a grid worker's home-screen lists against the primary-key GET, one client
    // ---------------------------------------------------------------------------------------------------------

    /** The statuses of tickets still waiting for work: a home screen's "open" list (V8's partial indexes). */
    static final String OPEN = "SUBMITTED,ACCEPTED,DISPATCHED,SIGNED,RETURNED,IN_PROGRESS,REOPENED";

    /** One of the bench grids' workers: login 'bench-worker-k' (seed.sql), a token bound to the grid. */
    record Worker(Node grid, String token, List<String> openCursors) {
    }

    /**
     * One client sends, in every round, one request of each scenario in turn (the primary-key GET first), so that
     * the baseline and the lists share the machine's moments — on a shared 2-core machine a phase-by-phase run
     * would compare different minutes. Each round picks a random worker (of 10 grids) and a random ticket.
     */
    static void worklist(String requestUrl, String gateway, String adminToken, String jdbcUrl, int rounds)
            throws Exception {
        Fixture f = Fixture.load(jdbcUrl);
        List<Worker> workers = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            for (int i = 0; i < 10; i++) {
                Node grid = f.grids.get(i * 10 + i);
                // the seed's worker of grid C<c>G<g> is bench-worker-<10c+g>
                int k;
                try (PreparedStatement ps = db.prepareStatement("select code from grid_node_view where id = ?::uuid")) {
                    ps.setString(1, grid.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        Matcher code = Pattern.compile("C([0-9])G([0-9])").matcher(rs.getString(1));
                        if (!code.find()) {
                            throw new IllegalStateException("grid " + grid.id() + " is not one of the bench lattice");
                        }
                        k = Integer.parseInt(code.group(1)) * 10 + Integer.parseInt(code.group(2));
                    }
                }
                // Since the rights core (issue 18) a token's grid-worker role is not believed: the registry makes a
                // login a worker. The seed's workers are logins only, so the worker's login gets the coarse
                // district-admin role narrowed to the grid by grid_scope: the same scope check (covers) on the
                // same subtree, and assignee=me finds what the seed dispatched to that login.
                HttpResponse<String> t = send(gateway, adminToken, "POST", "/auth/dev-token", "{\"subject\":"
                        + "\"bench-worker-" + k + "\",\"roles\":[\"district-admin\"],\"gridScope\":\""
                        + grid.id() + "\"}", null);
                check(t, 200, "dev token of bench-worker-" + k);
                List<String> cursors = new ArrayList<>();
                // positions inside the worker's open list by deadline, past the first page, for deep pages
                try (PreparedStatement ps = db.prepareStatement("select due_at, id::text from service_request "
                        + "where grid_path = ? and status in ('" + OPEN.replace(",", "','") + "') "
                        + "order by due_at, id offset 20")) {
                    ps.setString(1, grid.path());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            cursors.add(rs.getObject(1, java.time.OffsetDateTime.class).toInstant() + "|"
                                    + rs.getString(2));
                        }
                    }
                }
                if (cursors.isEmpty()) {
                    throw new IllegalStateException("grid " + grid.path() + " has no open tickets past a page; reseed");
                }
                workers.add(new Worker(grid, field(t.body(), "token"), cursors));
            }
        }
        long open = workers.stream().mapToLong(w -> w.openCursors().size() + 20).sum() / workers.size();
        System.out.printf("fixture: %,d seeded tickets; 10 grid workers, each ~%,d open tickets in their grid "
                + "(~10,000 in all)%n", f.seeded, open);

        record Step(String name, java.util.function.Function<Worker, String> path) {
        }
        List<Step> steps = List.of(
                new Step("baseline: GET /requests/{id} (primary key)",
                        w -> "/api/v1/requests/" + pick(f.byGrid.get(w.grid().path()))),
                new Step("my grid's open tickets by deadline (status, sort=dueAt)",
                        w -> "/api/v1/requests?limit=20&gridNodeId=" + w.grid().id() + "&status=" + OPEN + "&sort=dueAt"),
                new Step("  same, a deep keyset page",
                        w -> "/api/v1/requests?limit=20&gridNodeId=" + w.grid().id() + "&status=" + OPEN
                                + "&sort=dueAt&cursor=" + cursor(pick(w.openCursors()))),
                new Step("my grid's overdue tickets by deadline (overdue=true)",
                        w -> "/api/v1/requests?limit=20&gridNodeId=" + w.grid().id() + "&overdue=true&sort=dueAt"),
                new Step("dispatched to / taken by me, open (assignee=me)",
                        w -> "/api/v1/requests?limit=20&gridNodeId=" + w.grid().id() + "&assignee=me&status=" + OPEN
                                + "&sort=dueAt"),
                new Step("my grid's new tickets (status=SUBMITTED, newest)",
                        w -> "/api/v1/requests?limit=20&gridNodeId=" + w.grid().id() + "&status=SUBMITTED"),
                new Step("community's open tickets by deadline (~4,000; admin)",
                        w -> "/api/v1/requests?limit=20&gridNodeId=" + parentOf(f, w.grid()).id() + "&status=" + OPEN
                                + "&sort=dueAt"));
        // the worker's token is bound to their grid; the community's list is a community admin's (here the
        // district admin's token)
        java.util.Set<Integer> adminSteps = java.util.Set.of(steps.size() - 1);

        for (String[] target : new String[][] {{"request-service " + requestUrl, requestUrl},
                {"gateway " + gateway, gateway}}) {
            int warmup = Math.max(100, rounds / 10);
            System.out.printf("%nwarming up %s (%d rounds)...%n", target[0], warmup);
            interleaved(target[1], workers, steps.stream().map(Step::path).toList(), adminSteps, adminToken, warmup);
            long[][] nanos = interleaved(target[1], workers, steps.stream().map(Step::path).toList(), adminSteps,
                    adminToken, rounds);
            System.out.printf("%s: %d rounds, ONE client, limit=20, each round one request of every scenario%n",
                    target[0], rounds);
            System.out.printf("%-58s %8s %8s %8s %10s%n", "scenario", "p50 ms", "p99 ms", "max ms", "p99/PK p99");
            double base = percentile(nanos[0], 99);
            for (int i = 0; i < steps.size(); i++) {
                double p99 = percentile(nanos[i], 99);
                System.out.printf(Locale.ROOT, "%-58s %8.2f %8.2f %8.2f %10s%n", steps.get(i).name(),
                        percentile(nanos[i], 50), p99, nanos[i][nanos[i].length - 1] / 1e6,
                        i == 0 ? "" : String.format(Locale.ROOT, "%.2f", p99 / base));
            }
            double target99 = percentile(nanos[1], 99);
            System.out.printf(Locale.ROOT, "goal: my grid's open tickets by deadline p99 %.2f ms < PK GET p99 %.2f ms "
                    + "x 2 = %.2f ms (ratio %.2f): %s%n", target99, base, base * 2, target99 / base,
                    target99 < base * 2 ? "met" : "NOT met");
        }
    }

    static Node parentOf(Fixture f, Node grid) {
        return f.communities.stream().filter(c -> grid.path().startsWith(c.path())).findFirst().orElseThrow();
    }

    /** {@code rounds} rounds of one request per path, in order, from this one thread; the latencies by path. */
    static long[][] interleaved(String base, List<Worker> workers,
            List<java.util.function.Function<Worker, String>> paths, java.util.Set<Integer> adminSteps,
            String adminToken, int rounds) throws Exception {
        long[][] nanos = new long[paths.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            Worker w = pick(workers);
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i).apply(w);
                long t0 = System.nanoTime();
                HttpResponse<String> r = send(base, adminSteps.contains(i) ? adminToken : w.token(), "GET", path, null,
                        null);
                nanos[i][round] = System.nanoTime() - t0;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
                }
            }
        }
        for (long[] n : nanos) {
            Arrays.sort(n);
        }
        return nanos;
    }

    static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    record Node(String id, String path) {
    }

    record Ticket(String id, String gridPath) {
    }

    /** What the list scenarios pick from: the bench nodes and a random sample of seeded tickets for cursors. */
    static final class Fixture {
        Node street;
        final List<Node> communities = new ArrayList<>();
        final List<Node> grids = new ArrayList<>();
        final List<Ticket> sample = new ArrayList<>();
        final Map<String, List<String>> byGrid = new HashMap<>();
        final Map<String, List<String>> byCommunity = new HashMap<>();
        final List<String> citizenIds = new ArrayList<>();
        long seeded;
        long citizenCount;

        static Fixture load(String jdbcUrl) throws Exception {
            Fixture f = new Fixture();
            try (Connection db = DriverManager.getConnection(jdbcUrl); Statement st = db.createStatement()) {
                String district = districtId(db).orElseThrow(() -> new IllegalStateException("no bench district; run setup"));
                try (ResultSet rs = st.executeQuery("select id::text, path, level from grid_node_view where path like '%/"
                        + district + "/%' order by path")) {
                    while (rs.next()) {
                        Node n = new Node(rs.getString(1), rs.getString(2));
                        switch (rs.getString(3)) {
                            case "STREET" -> f.street = n;
                            case "COMMUNITY" -> f.communities.add(n);
                            case "GRID" -> f.grids.add(n);
                            default -> {
                            }
                        }
                    }
                }
                try (ResultSet rs = st.executeQuery("select count(*), count(*) filter (where reporter_id = "
                        + "'bench-seed-citizen') from service_request where reporter_id like 'bench-seed-%'")) {
                    rs.next();
                    f.seeded = rs.getLong(1);
                    f.citizenCount = rs.getLong(2);
                }
                // about 20,000 random seeded tickets: a random ticket sits at a uniform depth of its subtree's list
                try (ResultSet rs = st.executeQuery("select id::text, grid_path, reporter_id from service_request "
                        + "tablesample system (2) repeatable (4) where reporter_id like 'bench-seed-%'")) {
                    while (rs.next()) {
                        Ticket t = new Ticket(rs.getString(1), rs.getString(2));
                        f.sample.add(t);
                        f.byGrid.computeIfAbsent(t.gridPath(), k -> new ArrayList<>()).add(t.id());
                        for (Node c : f.communities) {
                            if (t.gridPath().startsWith(c.path())) {
                                f.byCommunity.computeIfAbsent(c.path(), k -> new ArrayList<>()).add(t.id());
                            }
                        }
                    }
                }
                try (ResultSet rs = st.executeQuery("select id::text from service_request where reporter_id = "
                        + "'bench-seed-citizen' order by id desc offset 20")) {
                    while (rs.next()) {
                        f.citizenIds.add(rs.getString(1));
                    }
                }
            }
            if (f.street == null || f.grids.size() != COMMUNITIES * GRIDS || f.seeded < 1_000_000 || f.citizenIds.isEmpty()
                    || f.grids.stream().anyMatch(g -> !f.byGrid.containsKey(g.path()))) {
                throw new IllegalStateException("the bench fixture is incomplete (street " + f.street + ", "
                        + f.grids.size() + " grids, " + f.seeded + " seeded tickets); run bench/request/run again");
            }
            return f;
        }
    }

    static String cursor(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    static <T> T pick(List<T> list) {
        return list.get(ThreadLocalRandom.current().nextInt(list.size()));
    }

    record Scenario(String name, String token, Supplier<String> path) {
    }

    static Job<String> get(String base, Scenario s) {
        return (ignored, i) -> {
            HttpResponse<String> r = send(base, s.token(), "GET", s.path().get(), null, null);
            return r.statusCode() == 200 ? null : r.statusCode() + " " + r.body();
        };
    }

    // ---------------------------------------------------------------------------------------------------------
    // load generation
    // ---------------------------------------------------------------------------------------------------------

    record Result(String name, int requests, int errors, double seconds, long[] nanos, String firstError,
            Map<String, Double> cpuMs) {
        double percentile(double p) {
            return nanos[Math.min(nanos.length - 1, (int) Math.ceil(p / 100 * nanos.length) - 1)] / 1e6;
        }

        double perSecond() {
            return requests / seconds;
        }
    }

    /** One request: returns null when it succeeded, else what went wrong. */
    interface Job<C> {
        String call(C context, int i) throws Exception;
    }

    static Result runHttp(Job<String> job, int requests, int concurrency, String name) throws Exception {
        return run(() -> null, c -> {
        }, job, requests, concurrency, name);
    }

    static Result runJdbc(String jdbcUrl, String sql, Job<PreparedStatement> job, int requests, int concurrency,
            String name) throws Exception {
        return run(() -> DriverManager.getConnection(jdbcUrl).prepareStatement(sql), ps -> {
            Connection c = ps.getConnection();
            ps.close();
            c.close();
        }, job, requests, concurrency, name);
    }

    interface Open<C> {
        C open() throws Exception;
    }

    interface Close<C> {
        void close(C c) throws Exception;
    }

    static <C> Result run(Open<C> open, Close<C> close, Job<C> job, int requests, int concurrency, String name)
            throws Exception {
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        String[] firstError = new String[1];
        List<C> contexts = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            contexts.add(open.open());   // connections are opened before the clock starts
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        Map<Long, Cpu> cpuBefore = cpuMs();
        long start = System.nanoTime();
        for (C context : contexts) {
            pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < requests; ) {
                    long t0 = System.nanoTime();
                    String error;
                    try {
                        error = job.call(context, i);
                    } catch (Exception e) {
                        error = e.toString();
                    }
                    nanos[i] = System.nanoTime() - t0;
                    if (error != null && errors.getAndIncrement() == 0) {
                        firstError[0] = error.length() > 300 ? error.substring(0, 300) : error;
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(15, TimeUnit.MINUTES)) {
            throw new IllegalStateException(name + ": not done after 15 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpu = new HashMap<>();   // before the connections close: their backends still count
        cpuMs().forEach((pid, c) -> cpu.merge(c.group(), c.ms() - (cpuBefore.containsKey(pid)
                ? cpuBefore.get(pid).ms() : 0), Double::sum));
        for (C context : contexts) {
            close.close(context);
        }
        Arrays.sort(nanos);
        return new Result(name, requests, errors.get(), seconds, nanos, firstError[0], cpu);
    }

    static final String[] CPU_GROUPS = {"client", "gateway", "request-service", "grid-service", "study-service", "kafka",
            "postgres", "other"};

    /**
     * CPU time (user + system, ms) used so far by the processes alive now, grouped: this client, each process the
     * launcher started (-Dgridlauncher.name=...), all PostgreSQL backends, everything else. Linux /proc only; an
     * empty map elsewhere. Per process id, so a process that ends in between is left out (not counted).
     */
    record Cpu(String group, double ms) {
    }

    static Map<Long, Cpu> cpuMs() {
        Map<Long, Cpu> groups = new HashMap<>();
        double msPerTick = 1000.0 / Long.getLong("clk.tck", 100);
        long self = ProcessHandle.current().pid();
        java.io.File[] procs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
        if (procs == null) {
            return groups;
        }
        for (java.io.File proc : procs) {
            try {
                String cmd = new String(java.nio.file.Files.readAllBytes(proc.toPath().resolve("cmdline")),
                        StandardCharsets.UTF_8).replace('\0', ' ');
                String stat = java.nio.file.Files.readString(proc.toPath().resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * msPerTick;   // utime, stime
                Matcher m = Pattern.compile("-Dgridlauncher\\.name=(\\S+)").matcher(cmd);
                String group = Long.parseLong(proc.getName()) == self ? "client" : m.find() ? m.group(1)
                        : cmd.startsWith("postgres") || cmd.contains("/postgres ") ? "postgres" : "other";
                groups.put(Long.parseLong(proc.getName()), new Cpu(group, ms));
            } catch (Exception e) {
                // gone meanwhile, or not ours to read
            }
        }
        return groups;
    }

    static void printCpu(List<Result> results) {
        if (results.get(0).cpuMs().isEmpty()) {
            return;
        }
        System.out.printf("%nCPU ms per request by process (2 cores = 2,000 CPU-ms per second; 'other' = anything else "
                + "running on the machine meanwhile; processes that ended during the phase are not counted)%n%-58s", "");
        for (String g : CPU_GROUPS) {
            System.out.printf("%10s", g.replace("-service", ""));
        }
        System.out.printf("%10s%n", "total");
        for (Result r : results) {
            System.out.printf("%-58s", r.name());
            double total = 0;
            for (String g : CPU_GROUPS) {
                double ms = r.cpuMs().getOrDefault(g, 0.0) / r.requests();
                total += ms;
                System.out.printf(Locale.ROOT, "%10.2f", ms);
            }
            System.out.printf(Locale.ROOT, "%10.2f%n", total);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // HTTP and JSON odds and ends (no dependencies)
    // ---------------------------------------------------------------------------------------------------------

    static HttpResponse<String> send(String base, String token, String method, String path, String json,
            String idempotencyKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static void check(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    static String field(String json, String name) {
        String value = Json.text(json, name);
        if (value == null) {
            throw new IllegalStateException("no \"" + name + "\" in " + json);
        }
        return value;
    }
}
