package cn.grid.bench.study;

import cn.grid.bench.ClosedLoop;
import cn.grid.bench.ClosedLoop.Timings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Latency of study-service's monthly compliance report (一课一片一实践), the organisation's learning-record export
 * (JSON and CSV) and attendance batches on the seeded fixture (bench/study/seed.sql: 10,000 members in 1 committee
 * → 10 general branches → 100 branches, 12 months of sessions, attendance and practice), against a primary-key GET
 * of a session measured in the same run. Run by bench/study/run.
 *
 * The attendance scenarios write: each request marks 200 members at a session of its own, made here beforehand
 * (recorded_by 'bench-batch', on the bench node, starting now, so outside the 12 bench months) and deleted with
 * everything it produced at the end of the run (and at the start, should an earlier run have been cut short).
 *
 * Started as {@code bench study <studyUrl> <token> <jdbcUrl> [requests per scenario] [concurrency]}
 * ({@link StudyCommand}).
 */
public class BenchStudy {

    /** One request: GET without a body, or PUT with a JSON body. */
    record Call(String method, String path, String body) {
        static Call get(String path) {
            return new Call("GET", path, null);
        }
    }

    record Scenario(String name, Supplier<Call> call) {
    }

    static final int BATCH_LINES = 200;
    static final String[] STATUSES = {"PRESENT", "LATE", "ABSENT", "EXCUSED"};

    static List<String> months = new ArrayList<>();
    /** Sessions made for the attendance scenarios: fresh ones, and those a first batch was recorded at. */
    static final ConcurrentLinkedQueue<String> freshSessions = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> recordedSessions = new ConcurrentLinkedQueue<>();
    /** The first member (of 200) marked at each session a first batch went to. */
    static final Map<String, Integer> batchMembers = new ConcurrentHashMap<>();
    static int timeoutSeconds = 60;

    /**
     * @param only     which scenarios, by index (0 = baseline, 1-3 compliance of committee / general branch / branch,
     *                 4-5 export of the committee as JSON / CSV, 6-7 export of a general branch / branch, 8 a first
     *                 attendance batch, 9 correcting one); empty for all
     * @param timeout  seconds a request may take
     */
    static void bench(String base, String token, String jdbcUrl, int requests, int concurrency, List<Integer> only,
            int timeout) throws Exception {

        // the months the fixture covers (12 calendar months before the one it was seeded in)
        try (Connection db = DriverManager.getConnection(jdbcUrl); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("""
                        select distinct to_char(starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month
                        from study_session where grid_node_id = md5('bench-study-node')::uuid and recorded_by = 'bench'
                        order by 1""")) {
            while (rs.next()) {
                months.add(rs.getString(1));
            }
        }
        if (months.size() != 12) {
            throw new IllegalStateException("expected 12 bench months in study_session, found " + months);
        }
        System.out.printf("bench months: %s .. %s%n", months.get(0), months.get(11));

        // the export's period: the 12 bench months, first to last day
        String periodFrom = months.get(0) + "-01";
        String periodTo = YearMonth.parse(months.get(11)).atEndOfMonth().toString();
        String committee = id("bench-study-org");
        List<Scenario> scenarios = List.of(
                new Scenario("baseline: GET /sessions/{id} (primary key)",
                        () -> Call.get("/api/v1/study/sessions/" + id("bench-study-s" + rnd(100) + "-" + rnd(12) + "-" + rnd(3)))),
                new Scenario("compliance: committee (10,000 members)",
                        () -> Call.get(compliance(committee))),
                new Scenario("compliance: general branch (1,000 members)",
                        () -> Call.get(compliance(id("bench-study-org-" + rnd(10))))),
                new Scenario("compliance: branch (100 members)",
                        () -> Call.get(compliance(id("bench-study-org-" + rnd(10) + "-" + rnd(10))))),
                new Scenario("export JSON: committee (10,000 members, 12 mo)",
                        () -> Call.get(export(committee, periodFrom, periodTo, false))),
                new Scenario("export CSV: committee (10,000 members, 12 mo)",
                        () -> Call.get(export(committee, periodFrom, periodTo, true))),
                new Scenario("export JSON: general branch (1,000 members)",
                        () -> Call.get(export(id("bench-study-org-" + rnd(10)), periodFrom, periodTo, false))),
                new Scenario("export JSON: branch (100 members)",
                        () -> Call.get(export(id("bench-study-org-" + rnd(10) + "-" + rnd(10)), periodFrom, periodTo,
                                false))),
                new Scenario("attendance: first batch, " + BATCH_LINES + " lines",
                        BenchStudy::firstBatch),
                new Scenario("attendance: correct " + BATCH_LINES + " lines",
                        () -> correction(base, token)));
        if (!only.isEmpty()) {
            List<Scenario> all = scenarios;
            scenarios = only.stream().map(all::get).toList();
        }
        timeoutSeconds = timeout;

        int warmup = Math.max(8, requests / 10);
        boolean batches = scenarios.stream().anyMatch(s -> s.name().startsWith("attendance"));
        if (batches) {
            deleteBatchSessions(jdbcUrl);
            makeBatchSessions(jdbcUrl, 2 * (warmup + requests));
        }
        List<Timings> results = new ArrayList<>();
        try {
            System.out.printf("warming up (%d requests per scenario)...%n", warmup);
            for (Scenario s : scenarios) {
                run(client(), base, token, s, warmup, concurrency);
            }
            for (Scenario s : scenarios) {
                Timings r = run(client(), base, token, s, requests, concurrency);
                System.out.printf(Locale.ROOT, "  %s: %.1f s%n", s.name(), r.seconds());
                results.add(r);
            }
        } finally {
            if (batches) {
                deleteBatchSessions(jdbcUrl);
            }
        }
        ClosedLoop.printAgainstBaseline("%d requests per scenario, %d concurrent, against %s".formatted(requests,
                concurrency, base), results, 46);
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    static String compliance(String orgId) {
        return "/api/v1/study/compliance?orgId=" + orgId + "&month=" + months.get(rnd(12));
    }

    static String export(String orgId, String from, String to, boolean csv) {
        return "/api/v1/study/orgs/" + orgId + "/records?from=" + from + "&to=" + to + (csv ? "&format=csv" : "");
    }

    /** 200 members of two neighbouring branches, each with a status; no person ids (the service looks them up). */
    static String batchBody(int first, boolean flip, String reason) {
        StringBuilder entries = new StringBuilder();
        for (int n = first; n < first + BATCH_LINES; n++) {
            // ~45 % PRESENT, ~5 % LATE, the rest ABSENT / EXCUSED, as a function of the member (so the
            // correction knows what it corrects)
            int status = (n * 31 + 7) % 20 < 9 ? 0 : (n * 31 + 7) % 20 == 9 ? 1 : 2 + n % 2;
            if (flip) {
                status = status < 2 ? 2 : 0;
            }
            entries.append(entries.isEmpty() ? "" : ",").append("{\"subject\":\"bench-study-").append(n)
                    .append("\",\"personName\":\"基准党员").append(n).append("\",\"status\":\"")
                    .append(STATUSES[status]).append("\"}");
        }
        return "{\"entries\":[" + entries + "]" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
    }

    /** A first batch at a fresh session; the session is then kept for a correction. */
    static Call firstBatch() {
        String session = freshSessions.poll();
        if (session == null) {
            throw new IllegalStateException("no fresh bench session left");
        }
        int first = rnd(99) * 100;
        batchMembers.put(session, first);
        recordedSessions.add(session);
        return new Call("PUT", attendance(session), batchBody(first, false, null));
    }

    /** Every line of a recorded batch corrected (attended ↔ absent), with the reason the audit needs. */
    static Call correction(String base, String token) {
        String session = recordedSessions.poll();
        if (session == null) {
            // scenario 8 recorded nothing (left out of BENCH_SCENARIOS): record a first batch now, not timed
            session = freshSessions.poll();
            if (session == null) {
                throw new IllegalStateException("no fresh bench session left");
            }
            int first = rnd(99) * 100;
            batchMembers.put(session, first);
            String error = send(client(), base, token, new Call("PUT", attendance(session),
                    batchBody(first, false, null)));
            if (error != null) {
                throw new IllegalStateException("first batch for the correction: " + error);
            }
        }
        return new Call("PUT", attendance(session), batchBody(batchMembers.get(session), true, "bench: 签到表核对更正"));
    }

    static String attendance(String session) {
        return "/api/v1/study/sessions/" + session + "/attendance";
    }

    static Timings run(HttpClient client, String base, String token, Scenario scenario, int requests, int concurrency)
            throws Exception {
        return ClosedLoop.run(scenario.name(), requests, concurrency, 30, () -> {
            Call call = scenario.call().get();
            return () -> send(client, base, token, call);
        });
    }

    /** Sends the request; null when it answered 200, else what went wrong. */
    static String send(HttpClient client, String base, String token, Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(timeoutSeconds));
        if (call.body() == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                String text = new String(response.body(), StandardCharsets.UTF_8);
                return response.statusCode() + " " + call.method() + " " + call.path() + " "
                        + text.substring(0, Math.min(400, text.length()));
            }
            return null;
        } catch (Exception e) {
            return e + " " + call.method() + " " + call.path();
        }
    }

    /** Sessions for the attendance scenarios, on the bench node, starting now (outside the 12 bench months). */
    static void makeBatchSessions(String jdbcUrl, int count) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl); PreparedStatement st = db.prepareStatement("""
                insert into study_session (id, kind, title, grid_node_id, grid_path, starts_at, duration_min, place,
                                           recorded_by, version, created_at)
                select gen_random_uuid(), 'BENCH_CLASS', 'bench-batch 板凳课堂 ' || i, n.id, n.path, now(), 60,
                       '党群服务中心', 'bench-batch', 0, now()
                from grid_node_view n, generate_series(1, ?) i where n.id = md5('bench-study-node')::uuid
                returning id""")) {
            st.setInt(1, count);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    freshSessions.add(rs.getString(1));
                }
            }
        }
        if (freshSessions.size() != count) {
            throw new IllegalStateException("made " + freshSessions.size() + " of " + count + " bench sessions");
        }
    }

    /** The attendance scenarios' sessions and what they produced: marks, audit, points (reversals first). */
    static void deleteBatchSessions(String jdbcUrl) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl); Statement st = db.createStatement()) {
            db.setAutoCommit(false);
            st.execute("""
                    create temporary table bench_batch_session on commit drop as
                    select id from study_session where recorded_by = 'bench-batch'
                      and grid_node_id = md5('bench-study-node')::uuid""");
            st.execute("""
                    delete from points_entry where activity = 'ATTENDANCE' and reverses is not null
                      and source_id in (select id::text from bench_batch_session)""");
            st.execute("""
                    delete from points_entry where activity = 'ATTENDANCE'
                      and source_id in (select id::text from bench_batch_session)""");
            st.execute("delete from attendance_change where session_id in (select id from bench_batch_session)");
            st.execute("delete from session_attendance where session_id in (select id from bench_batch_session)");
            int sessions = st.executeUpdate("delete from study_session where id in (select id from bench_batch_session)");
            db.commit();
            if (sessions > 0) {
                System.out.printf("deleted %d attendance bench sessions and what they produced%n", sessions);
            }
        }
    }

    static int rnd(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    /** The seed's ids: md5 of a name, read as a UUID (PostgreSQL's md5(text)::uuid). */
    static String id(String name) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8)));
            return UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5")).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
