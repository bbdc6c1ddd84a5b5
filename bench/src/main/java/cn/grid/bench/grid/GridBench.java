package cn.grid.bench.grid;

import cn.grid.bench.ClosedLoop;
import cn.grid.bench.ClosedLoop.Timings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Latency of grid-service's tree and geometry reads on the seeded 101,011-node / 11,011-boundary dataset,
 * each against a primary-key GET measured in the same run. Run by bench/grid/run; prints one table.
 *
 * Started as {@code bench grid <baseUrl> <token> [requests per scenario] [concurrency]} ({@link GridCommand}).
 */
public class GridBench {

    static void bench(String base, String token, int requests, int concurrency) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        List<Scenario> scenarios = List.of(
                new Scenario("baseline: GET /grids/{id} (primary key)", () -> "/api/v1/grids/" + grid()),
                new Scenario("children of a community (10 of 101k)", () -> "/api/v1/grids/" + community() + "/children"),
                new Scenario("subtree search: level=GRID in a street (1,000 of 10,101)",
                        () -> "/api/v1/grids/" + street() + "/descendants?level=GRID&limit=20"),
                new Scenario("subtree search: name q= in the district (101k)",
                        () -> "/api/v1/grids/" + district() + "/descendants?q=" + enc("网格" + rnd(10) + "-" + rnd(100) + "-")
                                + "&limit=20"),
                new Scenario("subtree counts of a street (10,101 nodes)", () -> "/api/v1/grids/" + street() + "/counts"),
                new Scenario("subtree counts of a community (101 nodes)", () -> "/api/v1/grids/" + community() + "/counts"),
                new Scenario("breadcrumb of a responsibility area", () -> "/api/v1/grids/" + grid() + "/ancestors"),
                new Scenario("locate a point among 11,011 boundaries",
                        () -> String.format(Locale.ROOT, "/api/v1/grids/locate?lat=%.5f&lon=%.5f",
                                20 + ThreadLocalRandom.current().nextDouble() * 10,
                                100 + ThreadLocalRandom.current().nextDouble() * 10)));

        System.out.printf("warming up (%d requests per scenario)...%n", Math.max(200, requests / 10));
        for (Scenario s : scenarios) {
            run(client, base, token, s, Math.max(200, requests / 10), concurrency);
        }
        List<Timings> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            results.add(run(client, base, token, s, requests, concurrency));
        }
        ClosedLoop.printAgainstBaseline("%d requests per scenario, %d concurrent, against %s".formatted(requests,
                concurrency, base), results, 58);
    }

    record Scenario(String name, Supplier<String> path) {
    }

    static Timings run(HttpClient client, String base, String token, Scenario scenario, int requests, int concurrency)
            throws Exception {
        return ClosedLoop.run(scenario.name(), requests, concurrency, 10, () -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + scenario.path().get()))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
            return () -> {
                try {
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    return response.statusCode() == 200 ? null : response.statusCode() + " " + request.uri();
                } catch (Exception e) {
                    return e + " " + request.uri();
                }
            };
        });
    }

    static int rnd(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
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

    static String district() {
        return id("bench-d");
    }

    static String street() {
        return id("bench-s" + rnd(10));
    }

    static String community() {
        return id("bench-c" + rnd(10) + "-" + rnd(100));
    }

    static String grid() {
        return id("bench-g" + rnd(10) + "-" + rnd(100) + "-" + rnd(10));
    }
}
