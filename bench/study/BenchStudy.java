import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Latency of study-service's monthly compliance report (一课一片一实践) on the seeded fixture (bench/study/seed.sql:
 * 10,000 members in 1 committee → 10 general branches → 100 branches, 12 months of sessions, attendance and
 * practice), against a primary-key GET of a session measured in the same run. Run by bench/study/run.
 *
 * Usage: java -cp postgresql.jar BenchStudy.java <studyUrl> <token> <jdbcUrl> [requests per scenario] [concurrency]
 */
public class BenchStudy {

    record Result(String name, int requests, int errors, double seconds, long[] nanos, String firstError) {
        double percentile(double p) {
            return nanos[Math.min(nanos.length - 1, (int) Math.ceil(p / 100 * nanos.length) - 1)] / 1e6;
        }
    }

    record Scenario(String name, Supplier<String> path) {
    }

    static List<String> months = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String jdbcUrl = args[2];
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 400;
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 8;

        // the months the fixture covers (12 calendar months before the one it was seeded in)
        try (Connection db = DriverManager.getConnection(jdbcUrl); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("""
                        select distinct to_char(starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month
                        from study_session where grid_node_id = md5('bench-study-node')::uuid order by 1""")) {
            while (rs.next()) {
                months.add(rs.getString(1));
            }
        }
        if (months.size() != 12) {
            throw new IllegalStateException("expected 12 bench months in study_session, found " + months);
        }
        System.out.printf("bench months: %s .. %s%n", months.get(0), months.get(11));

        List<Scenario> scenarios = List.of(
                new Scenario("baseline: GET /sessions/{id} (primary key)",
                        () -> "/api/v1/study/sessions/" + id("bench-study-s" + rnd(100) + "-" + rnd(12) + "-" + rnd(3))),
                new Scenario("compliance: committee (10,000 members)",
                        () -> compliance(id("bench-study-org"))),
                new Scenario("compliance: general branch (1,000 members)",
                        () -> compliance(id("bench-study-org-" + rnd(10)))),
                new Scenario("compliance: branch (100 members)",
                        () -> compliance(id("bench-study-org-" + rnd(10) + "-" + rnd(10)))));
        // BENCH_SCENARIOS: which of them, by index (0 = baseline, 1 committee, 2 general branch, 3 branch); default all
        String only = System.getenv().getOrDefault("BENCH_SCENARIOS", "");
        if (!only.isBlank()) {
            List<Scenario> all = scenarios;
            scenarios = Arrays.stream(only.split(",")).map(String::trim).map(Integer::parseInt).map(all::get).toList();
        }

        int warmup = Math.max(8, requests / 10);
        System.out.printf("warming up (%d requests per scenario)...%n", warmup);
        for (Scenario s : scenarios) {
            run(client(), base, token, s, warmup, concurrency);
        }
        List<Result> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            Result r = run(client(), base, token, s, requests, concurrency);
            System.out.printf(Locale.ROOT, "  %s: %.1f s%n", s.name(), r.seconds());
            results.add(r);
        }
        Result baseline = results.get(0);
        System.out.printf("%n%d requests per scenario, %d concurrent, against %s%n", requests, concurrency, base);
        System.out.printf("%-46s %9s %9s %9s %10s %10s %7s%n", "scenario", "p50 ms", "p99 ms", "req/s",
                "p50/base", "p99/base", "errors");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-46s %9.2f %9.2f %9.1f %10.2f %10.2f %7d%n", r.name(), r.percentile(50),
                    r.percentile(99), r.requests() / r.seconds(), r.percentile(50) / baseline.percentile(50),
                    r.percentile(99) / baseline.percentile(99), r.errors());
        }
        for (Result r : results) {
            if (r.firstError() != null) {
                System.out.printf("first error of '%s': %s%n", r.name(), r.firstError());
            }
        }
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    static String compliance(String orgId) {
        return "/api/v1/study/compliance?orgId=" + orgId + "&month=" + months.get(rnd(12));
    }

    static Result run(HttpClient client, String base, String token, Scenario scenario, int requests, int concurrency)
            throws Exception {
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < requests; ) {
                    String path = scenario.path().get();
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, response.statusCode() + " " + path + " "
                                    + new String(response.body(), StandardCharsets.UTF_8));
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e + " " + path);
                    }
                    nanos[i] = System.nanoTime() - t0;
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, java.util.concurrent.TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        return new Result(scenario.name(), requests, errors.get(), seconds, nanos, firstError.get());
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
