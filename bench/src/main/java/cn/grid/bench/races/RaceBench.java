package cn.grid.bench.races;

import cn.grid.bench.GatewayClient;
import cn.grid.bench.Json;
import cn.grid.bench.Reply;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The race suite of issue 17, run by {@code bench/faults/run races} ({@link RacesCommand}) against the fault suite,
 * through the gateway.
 * Each race fires the same request {@code RACES_PARALLEL} (30) times at once, released together by a latch, for
 * {@code RACES_ROUNDS} (3) fresh targets, and counts the answers. Every race has one winner by the API's rules; the
 * others must lose with a 4xx problem (412 for a stale If-Match, 409 for a taken key or an assignment already held):
 *
 * <pre>
 *   same-version      PATCH one grid node with the same If-Match              1 x 200, the rest 412
 *   same-ticket-move  accept one ticket with the same If-Match                1 x 200, the rest 412
 *   same-login        register people with the same login subject             1 x 201, the rest 409
 *   same-identity     register people with the same identity number           1 x 201, the rest 409
 *   same-assignment   the same person, node and role assigned (no key)        1 x 201, the rest 409
 *   same-org-member   the same person joins one party organisation            1 x 201, the rest 409
 *   same-team-member  the same person joins one team                          1 x 201, the rest 409
 * </pre>
 *
 * It prints, per race, the requests sent, the status counts, the rounds with more than one winner and the 5xx seen;
 * the goal is no 5xx and exactly one winner in every round. Exit status 1 when a goal is missed.
 */
public class RaceBench {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    final GatewayClient client;
    final int parallel;
    final int rounds;
    final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

    RaceBench(String gateway, int parallel, int rounds) {
        this.client = new GatewayClient(gateway, Duration.ofSeconds(60));
        this.parallel = parallel;
        this.rounds = rounds;
    }

    String admin;
    String citizen;
    String worker;
    String grid;

    /** Every race, in the order a run without names takes them. */
    static final List<String> RACES = List.of("same-version", "same-ticket-move", "same-login", "same-identity",
            "same-assignment", "same-org-member", "same-team-member");

    /** Runs the races and prints their table; answers whether every goal was met. */
    boolean runAll(List<String> races) throws Exception {
        setUp();
        System.out.printf("%-18s %6s %8s %13s %5s  %s%n", "race", "sent", "winners", "extra winners", "5xx",
                "status counts");
        long sent = 0;
        long fivexx = 0;
        boolean met = true;
        for (String race : races) {
            Result result = switch (race) {
                case "same-version" -> sameVersion();
                case "same-ticket-move" -> sameTicketMove();
                case "same-login" -> sameLogin();
                case "same-identity" -> sameIdentity();
                case "same-assignment" -> sameAssignment();
                case "same-org-member" -> sameOrgMember();
                case "same-team-member" -> sameTeamMember();
                default -> throw new IllegalArgumentException("unknown race " + race);
            };
            System.out.printf("%-18s %6d %8d %13d %5d  %s%n", race, result.sent, result.winners, result.extraWinners,
                    result.fivexx, result.counts);
            sent += result.sent;
            fivexx += result.fivexx;
            met &= result.fivexx == 0 && result.extraWinners == 0 && result.winners == rounds;
        }
        System.out.printf("%nraces: %d requests sent, %d answered 5xx%n", sent, fivexx);
        System.out.println(met ? "races: every goal met (no 5xx, exactly one winner per round)"
                : "races: a goal was NOT met (see above)");
        return met;
    }

    void setUp() throws Exception {
        admin = token("races-admin", "district-admin", null);
        citizen = token("races-citizen-" + run, "citizen", null);
        String district = node("竞态演练区 " + run, "DISTRICT", null);
        String street = node("竞态街道", "STREET", district);
        String community = node("竞态社区", "COMMUNITY", street);
        grid = node("竞态网格", "GRID", community);
        // the registry makes the worker a 网格员 of the grid; the token says only "staff"
        Reply person = send("POST", "/api/v1/people", admin, """
                {"name": "竞态网格员", "homeNodeId": "%s", "subject": "races-worker-%s"}""".formatted(grid, run), Map.of());
        if (person.status() != 201) {
            throw new IllegalStateException("register the worker: " + person.status() + " " + person.body());
        }
        String workerPerson = field(person.body(), "id");
        Reply assigned = send("POST", "/api/v1/grids/" + grid + "/assignments", admin, """
                {"personId": "%s", "role": "GRID_WORKER"}""".formatted(workerPerson), Map.of());
        if (assigned.status() != 201) {
            throw new IllegalStateException("assign the worker: " + assigned.status() + " " + assigned.body());
        }
        worker = token("races-worker-" + run, "staff", null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (send("GET", "/api/v1/requests/grid-nodes/" + grid, admin, null, Map.of()).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("request-service did not learn the grid in 60 s");
            }
            Thread.sleep(200);
        }
        System.out.printf("run %s: grid %s, %d rounds of %d parallel requests per race%n", run, grid, rounds,
                parallel);
    }

    // ---------------------------------------------------------------------------------------------------------
    // the races
    // ---------------------------------------------------------------------------------------------------------

    Result sameVersion() throws Exception {
        Result result = new Result(200);
        for (int round = 0; round < rounds; round++) {
            String node = node("竞态小区 " + round, "RESPONSIBILITY_AREA", grid);
            String etag = send("GET", "/api/v1/grids/" + node, admin, null, Map.of()).headers()
                    .firstValue("ETag").orElseThrow();
            int r = round;
            result.add(race(i -> send("PATCH", "/api/v1/grids/" + node, admin,
                    "{\"name\": \"竞态小区 " + r + " 改名 " + i + "\"}", Map.of("If-Match", etag))));
        }
        return result;
    }

    Result sameTicketMove() throws Exception {
        Result result = new Result(200);
        for (int round = 0; round < rounds; round++) {
            Reply submitted = send("POST", "/api/v1/requests", citizen, """
                    {"type": "DISPUTE", "title": "竞态演练 %d", "gridNodeId": "%s"}""".formatted(round, grid),
                    Map.of("Idempotency-Key", "races-" + run + "-ticket-" + round));
            expect(submitted, 201, "submit a ticket");
            String ticket = field(submitted.body(), "id");
            String etag = submitted.headers().firstValue("ETag").orElse("\"0\"");
            result.add(race(i -> send("POST", "/api/v1/requests/" + ticket + "/accept", worker, null,
                    Map.of("If-Match", etag))));
        }
        return result;
    }

    Result sameLogin() throws Exception {
        Result result = new Result(201);
        for (int round = 0; round < rounds; round++) {
            String subject = "races-login-" + run + "-" + round;
            result.add(race(i -> send("POST", "/api/v1/people", admin, """
                    {"name": "竞态居民 %d", "homeNodeId": "%s", "subject": "%s"}""".formatted(i, grid, subject),
                    Map.of())));
        }
        return result;
    }

    Result sameIdentity() throws Exception {
        Result result = new Result(201);
        for (int round = 0; round < rounds; round++) {
            String idNumber = identityNumber();
            result.add(race(i -> send("POST", "/api/v1/people", admin, """
                    {"name": "竞态居民 %d", "homeNodeId": "%s", "idNumber": "%s"}""".formatted(i, grid, idNumber),
                    Map.of())));
        }
        return result;
    }

    Result sameAssignment() throws Exception {
        Result result = new Result(201);
        for (int round = 0; round < rounds; round++) {
            String person = person("竞态网格员 " + round);
            String body = """
                    {"personId": "%s", "role": "GRID_WORKER", "startDate": "%s"}"""
                    .formatted(person, LocalDate.now(SHANGHAI));
            result.add(race(i -> send("POST", "/api/v1/grids/" + grid + "/assignments", admin, body, Map.of())));
        }
        return result;
    }

    Result sameOrgMember() throws Exception {
        Result result = new Result(201);
        Reply org = send("POST", "/api/v1/party-orgs", admin, """
                {"name": "竞态党工委 %s", "kind": "WORKING_COMMITTEE", "gridNodeId": "%s"}""".formatted(run, grid),
                Map.of());
        expect(org, 201, "found a party organisation");
        String orgId = field(org.body(), "id");
        for (int round = 0; round < rounds; round++) {
            String person = person("竞态党员 " + round);
            result.add(race(i -> send("POST", "/api/v1/party-orgs/" + orgId + "/members", admin,
                    "{\"personId\": \"" + person + "\"}", Map.of())));
        }
        return result;
    }

    Result sameTeamMember() throws Exception {
        Result result = new Result(201);
        Reply team = send("POST", "/api/v1/grids/" + grid + "/teams", admin, """
                {"kind": "VOLUNTEER_SERVICE", "name": "竞态志愿服务队 %s"}""".formatted(run), Map.of());
        expect(team, 201, "form a team");
        String teamId = field(team.body(), "id");
        for (int round = 0; round < rounds; round++) {
            String person = person("竞态志愿者 " + round);
            result.add(race(i -> send("POST", "/api/v1/grids/" + grid + "/teams/" + teamId + "/members", admin,
                    "{\"personId\": \"" + person + "\"}", Map.of())));
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------------------
    // the harness
    // ---------------------------------------------------------------------------------------------------------

    interface Attempt {
        Reply send(int i) throws Exception;
    }

    /** Fires {@code parallel} attempts released at once; a request that got no answer counts as status 0. */
    List<Integer> race(Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                int n = i;
                futures.add(pool.submit((Callable<Integer>) () -> {
                    start.await();
                    return attempt.send(n).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(120, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    static final class Result {
        final int winning;
        final Map<Integer, Integer> counts = new TreeMap<>();
        long sent;
        long winners;
        long extraWinners;
        long fivexx;

        Result(int winning) {
            this.winning = winning;
        }

        void add(List<Integer> statuses) {
            sent += statuses.size();
            long won = statuses.stream().filter(s -> s == winning).count();
            winners += Math.min(won, 1);
            extraWinners += Math.max(0, won - 1);
            for (int s : statuses) {
                counts.merge(s, 1, Integer::sum);
                if (s >= 500 || s == 0) {
                    fivexx++;
                }
            }
        }
    }

    String person(String name) throws Exception {
        Reply person = send("POST", "/api/v1/people", admin, """
                {"name": "%s", "homeNodeId": "%s"}""".formatted(name, grid), Map.of());
        expect(person, 201, "register " + name);
        return field(person.body(), "id");
    }

    String node(String name, String level, String parent) throws Exception {
        String code = "RACE-" + run + "-" + level.charAt(0) + UUID.randomUUID().toString().substring(0, 6);
        Reply created = send("POST", "/api/v1/grids", admin, "{\"name\":\"%s\",\"level\":\"%s\",\"code\":\"%s\"%s}"
                .formatted(name, level, code, parent == null ? "" : ",\"parentId\":\"" + parent + "\""), Map.of());
        expect(created, 201, "create node " + code);
        return field(created.body(), "id");
    }

    String token(String subject, String role, String scope) throws Exception {
        Reply reply = send("POST", "/auth/dev-token", null, "{\"subject\":\"%s\",\"roles\":[\"%s\"],\"gridScope\":%s}"
                .formatted(subject, role, scope == null ? "null" : "\"" + scope + "\""), Map.of());
        expect(reply, 200, "dev token (is the gateway running with the dev profile?)");
        return field(reply.body(), "token");
    }

    /** A fresh 18-character identity number with a valid GB 11643 check digit (born 1950-1999, a random serial). */
    static String identityNumber() {
        java.util.Random random = new java.util.Random();
        String body = "530302" + (1950 + random.nextInt(50)) + String.format("%02d%02d", 1 + random.nextInt(12),
                1 + random.nextInt(28)) + String.format("%03d", random.nextInt(1000));
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** The answer; {@link Reply#none} when there was none, counted like a 5xx: the client could not tell the outcome. */
    Reply send(String method, String path, String token, String body, Map<String, String> headers) {
        try {
            return client.send(method, path, token, body, headers);
        } catch (IOException e) {
            return Reply.none(e);
        }
    }

    static void expect(Reply reply, int status, String what) {
        if (reply.status() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + reply.status() + " "
                    + reply.body());
        }
    }

    static String field(String json, String name) {
        return Json.text(json, name);
    }
}
