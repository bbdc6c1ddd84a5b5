package cn.grid.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two request-service instances behind the gateway; citizens submit tickets with an Idempotency-Key while one
 * instance is killed (no shutdown, connections reset). A client that gets no 2xx repeats the same submission with
 * the same key, as a mobile app does. Every submission must end with 201/200, every ticket that was answered must
 * exist afterwards, and no submission may have made two tickets.
 */
class RequestServiceFailoverIT {

    static final int CLIENTS = 4;
    static final int SUBMISSIONS_PER_CLIENT = 50;
    static final Pattern METRIC = Pattern.compile(
            "^(gateway_upstream_\\w+_total)\\{[^}]*service=\"request-service\"[^}]*} ([0-9.E+-]+)$", Pattern.MULTILINE);

    static RunningSuite suite;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        suite = RunningSuite.start(2);
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    /** What one logical submission went through. */
    record Submission(String citizen, String key, String ticket, int finalStatus, int attempts, boolean replayed) {
    }

    @Test
    void killingOneInstanceLosesNoTicketThatAClientSubmittedIdempotently() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            tokens.add(devToken("it-failover-citizen-" + c));
        }
        AtomicInteger done = new AtomicInteger();
        Map<Integer, AtomicInteger> failedAttempts = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<List<Submission>>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String token = tokens.get(c);
            String citizen = "it-failover-citizen-" + c;
            results.add(clients.submit(() -> {
                List<Submission> mine = new ArrayList<>();
                for (int i = 0; i < SUBMISSIONS_PER_CLIENT; i++) {
                    mine.add(submit(citizen, token, i, failedAttempts));
                    done.incrementAndGet();
                }
                return mine;
            }));
        }

        // kill the second instance once a quarter of the submissions are through, while the rest are in flight
        int total = CLIENTS * SUBMISSIONS_PER_CLIENT;
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> done.get() >= total / 4 || results.stream().anyMatch(Future::isDone));
        int doneAtKill = done.get();
        suite.kill("request-service-2");

        List<Submission> submissions = new ArrayList<>();
        for (Future<List<Submission>> result : results) {
            submissions.addAll(result.get());
        }
        clients.shutdown();

        // every answered ticket exists, read back through the gateway (now only request-service is left)
        int found = 0;
        for (Submission s : submissions) {
            if (get(tokens.get(index(s.citizen())), "/api/v1/requests/" + s.ticket()).statusCode() == 200) {
                found++;
            }
        }
        // and no submission made two tickets: each citizen has exactly as many as it submitted
        Map<String, Integer> ticketsPerCitizen = new TreeMap<>();
        for (int c = 0; c < CLIENTS; c++) {
            ticketsPerCitizen.put("it-failover-citizen-" + c, listAll(tokens.get(c)).size());
        }
        Set<String> distinct = new HashSet<>(submissions.stream().map(Submission::ticket).toList());
        long retriedByClient = submissions.stream().filter(s -> s.attempts() > 1).count();
        int attempts = submissions.stream().mapToInt(Submission::attempts).sum();
        Map<String, Double> gateway = gatewayCounters();

        System.out.printf("failover: %d submissions by %d clients; request-service-2 killed after %d%n", total,
                CLIENTS, doneAtKill);
        System.out.printf("failover: client attempts %d, submissions the client had to repeat %d, failed attempts"
                + " by status %s%n", attempts, retriedByClient, new TreeMap<>(failedAttempts));
        System.out.printf("failover: gateway counters for request-service %s; answers that were replays of an"
                + " earlier attempt's ticket (Idempotency-Replayed) %d%n", gateway,
                submissions.stream().filter(Submission::replayed).count());
        System.out.printf("failover: ended 201/200 %d of %d; tickets found afterwards %d of %d; distinct tickets %d;"
                + " tickets per citizen %s; lost %d%n", submissions.stream().filter(s -> s.finalStatus() / 100 == 2)
                .count(), total, found, submissions.size(), distinct.size(), ticketsPerCitizen, total - found);

        assertThat(submissions).hasSize(total).allSatisfy(s -> assertThat(s.finalStatus()).isIn(200, 201));
        assertThat(found).isEqualTo(total);
        assertThat(distinct).hasSize(total);
        assertThat(ticketsPerCitizen.values()).allSatisfy(n -> assertThat(n).isEqualTo(SUBMISSIONS_PER_CLIENT));
    }

    /**
     * One ticket, repeated with the same key and body until it gets a 2xx (a 502/504 from the gateway, or a
     * broken connection, is what a client sees when the gateway could not save the request).
     */
    private static Submission submit(String citizen, String token, int n, Map<Integer, AtomicInteger> failed) {
        String key = UUID.randomUUID().toString();
        String body = ("{\"category\": \"neighbour-dispute\", \"title\": \"楼上噪音 %s #%d\", "
                + "\"location\": {\"address\": \"大为小区 %d 栋\"}}").formatted(citizen, n, n);
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<HttpResponse<String>> answered = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    attempts.incrementAndGet();
                    try {
                        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                        URI.create(suite.gateway() + "/api/v1/requests"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + token)
                                .header("Idempotency-Key", key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() / 100 == 2) {
                            answered.set(response);
                            return true;
                        }
                        if (response.statusCode() / 100 == 4) {
                            // the request itself is wrong: repeating it cannot help
                            throw new AssertionError("submission refused: " + response.statusCode() + " "
                                    + response.body());
                        }
                        failed.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        return false;
                    } catch (IOException e) {
                        failed.computeIfAbsent(0, s -> new AtomicInteger()).incrementAndGet();
                        return false;
                    }
                });
        String ticket = JsonPath.from(answered.get().body()).getString("id");
        boolean replayed = answered.get().headers().firstValue("Idempotency-Replayed").isPresent();
        return new Submission(citizen, key, ticket, answered.get().statusCode(), attempts.get(), replayed);
    }

    private static List<String> listAll(String token) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = get(token, "/api/v1/requests?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.statusCode()).isEqualTo(200);
            JsonPath json = JsonPath.from(page.body());
            ids.addAll(json.getList("items.id", String.class));
            cursor = json.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private static Map<String, Double> gatewayCounters() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(suite.management("gateway") + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> counters = new TreeMap<>();
        Matcher m = METRIC.matcher(metrics);
        while (m.find()) {
            counters.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return counters;
    }

    private static HttpResponse<String> get(String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(suite.gateway() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String devToken(String subject) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(suite.gateway() + "/auth/dev-token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"subject": "%s", "roles": ["citizen"], "gridScope": null}""".formatted(subject)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonPath.from(response.body()).getString("token");
    }

    private static int index(String citizen) {
        return Integer.parseInt(citizen.substring(citizen.lastIndexOf('-') + 1));
    }
}
