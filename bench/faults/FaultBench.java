import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The fault harness of issue 7, run by bench/faults/run as a single-file program against a suite that run started
 * on its own ports, with its own PostgreSQL cluster and Kafka broker (so the faults hurt nothing else). The faults
 * themselves are done by {@code bench/faults/run --fault <name>} (kill the broker, start it again, kill an instance,
 * restart PostgreSQL). Scenarios, each printing a table:
 *
 * <pre>
 *   memory         RSS of every process after start (again after the load, at the end)
 *   claims         50 parallel claims of one micro-wish, several wishes: exactly one winner each
 *   event-latency  a ticket's rating -> the PRACTICE points visible in study-service, p50/p99 (goal p99 < 150 ms)
 *   kafka-outage   submissions under load while the broker is killed for 30 s and started again: events
 *                  produced vs. in the topic vs. consumed by grid-service, 0 lost, duplicates absorbed
 *   instance-kill  kill -9 one of two request-service instances under load: every ticket answered 201 exists
 *   pg-restart     PostgreSQL restarted under load: the services recover without a restart of their own
 * </pre>
 *
 * Clients behave like a mobile app: a submission carries an Idempotency-Key, and one that gets no answer or a 5xx
 * is sent again with the same key (bounded), so "lost" means a ticket answered 201 that is not in the database, or
 * a submission never answered at all.
 */
public class FaultBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    final String gateway = env("FAULTS_GATEWAY_URL", "http://127.0.0.1:18080");
    final String requestService = env("FAULTS_REQUEST_URL", "http://127.0.0.1:18083");
    // health and metrics: each process's management interface, on its HTTP port + 100 (deploy/local/README.md)
    final String gatewayManagement = management(gateway);
    final String requestServiceManagement = management(requestService);
    final String jdbcBase = env("FAULTS_JDBC_BASE", "jdbc:postgresql://127.0.0.1:15432/");
    final String dbUser = env("FAULTS_DB_USER", "postgres");
    final String kafka = env("FAULTS_KAFKA", "127.0.0.1:19092");
    final Path stateDir = Path.of(env("FAULTS_STATE_DIR", "/tmp/grid-faults"));
    final Path control = Path.of(env("FAULTS_CONTROL", "bench/faults/run"));
    final int clients = Integer.parseInt(env("FAULTS_CLIENTS", "8"));
    final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    final Map<String, Long> rssAtStart = new LinkedHashMap<>();

    String admin;
    String citizen;
    String worker;
    String grid;
    String memberPerson;
    String memberSubject;
    String memberToken;

    public static void main(String[] args) throws Exception {
        List<String> scenarios = args.length == 0
                ? List.of("memory", "claims", "event-latency", "kafka-outage", "instance-kill", "pg-restart")
                : Arrays.asList(args);
        FaultBench bench = new FaultBench();
        bench.setUp();
        boolean allMet = true;
        for (String scenario : scenarios) {
            System.out.println();
            System.out.println("== " + scenario + " ==");
            boolean met = switch (scenario) {
                case "memory" -> bench.memory();
                case "claims" -> bench.claims();
                case "event-latency" -> bench.eventLatency();
                case "kafka-outage" -> bench.kafkaOutage();
                case "instance-kill" -> bench.instanceKill();
                case "pg-restart" -> bench.pgRestart();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            };
            allMet &= met;
        }
        if (scenarios.contains("memory")) {
            System.out.println();
            System.out.println("== memory after the run ==");
            bench.printRss();
        }
        System.out.println();
        System.out.println(allMet ? "faults: every goal met" : "faults: a goal was NOT met (see above)");
        System.exit(allMet ? 0 : 1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // set-up: a grid of its own (codes carry the run id), a citizen, a grid worker and a party member
    // ---------------------------------------------------------------------------------------------------------

    void setUp() throws Exception {
        admin = token("faults-admin", "district-admin", null);
        citizen = token("faults-citizen-" + run, "citizen", null);
        String district = node("故障演练区 " + run, "DISTRICT", null);
        String street = node("演练街道", "STREET", district);
        String community = node("演练社区", "COMMUNITY", street);
        grid = node("演练网格", "GRID", community);
        worker = token("faults-worker-" + run, "grid-worker", grid);
        awaitTrue("request-service knows the grid", Duration.ofSeconds(60),
                () -> status("/api/v1/requests/grid-nodes/" + grid, admin) == 200);
        memberSubject = "faults-member-" + run;
        memberPerson = registerPartyMember(memberSubject, "演练党员");
        memberToken = token(memberSubject, "party-member", grid);
        System.out.printf("run %s: grid %s, party member %s%n", run, grid, memberPerson);
    }

    String registerPartyMember(String subject, String name) throws Exception {
        Reply person = send("POST", "/api/v1/people", admin, """
                {"name": "%s", "phone": null, "address": "演练小区", "idNumber": null, "homeNodeId": "%s",
                 "subject": "%s"}""".formatted(name, grid, subject), Map.of());
        expect(person, 201, "register " + subject);
        String id = field(person.body(), "id");
        expect(send("POST", "/api/v1/grids/" + grid + "/assignments", admin, """
                {"personId": "%s", "role": "PARTY_MEMBER", "startDate": "%s", "endDate": null,
                 "workOrganisation": null}""".formatted(id, LocalDate.now(SHANGHAI)), Map.of()), 201,
                "assign " + subject);
        return id;
    }

    String node(String name, String level, String parent) throws Exception {
        String code = "FLT-" + run + "-" + level.charAt(0) + UUID.randomUUID().toString().substring(0, 6);
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

    // ---------------------------------------------------------------------------------------------------------
    // memory
    // ---------------------------------------------------------------------------------------------------------

    boolean memory() throws IOException {
        rssAtStart.putAll(rssByProcess());
        printRss();
        return true;
    }

    void printRss() throws IOException {
        Map<String, Long> now = rssByProcess();
        System.out.printf("%-20s %14s %14s%n", "process", "RSS at start", "RSS now");
        for (var e : now.entrySet()) {
            Long start = rssAtStart.get(e.getKey());
            System.out.printf("%-20s %11s MiB %11d MiB%n", e.getKey(), start == null ? "-" : start / 1024, e.getValue() / 1024);
        }
    }

    /** kB of resident memory of every process the launcher keeps a pid file for. */
    Map<String, Long> rssByProcess() throws IOException {
        Map<String, Long> rss = new TreeMap<>();
        Path pids = stateDir.resolve("pids");
        try (var files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
                String pid = Files.readString(file).trim();
                Path status = Path.of("/proc", pid, "status");
                if (Files.exists(status)) {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            rss.put(file.getFileName().toString().replace(".pid", ""),
                                    Long.parseLong(line.replaceAll("\\D", "")));
                        }
                    }
                }
            }
        }
        return rss;
    }

    // ---------------------------------------------------------------------------------------------------------
    // claims: 50 party members claim one micro-wish at the same instant
    // ---------------------------------------------------------------------------------------------------------

    boolean claims() throws Exception {
        int claimants = Integer.parseInt(env("FAULTS_CLAIMANTS", "50"));
        int wishes = Integer.parseInt(env("FAULTS_WISHES", "5"));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < claimants; i++) {
            String subject = "faults-claimant-" + run + "-" + i;
            registerPartyMember(subject, "认领人" + i);
            tokens.add(token(subject, "party-member", grid));
        }
        // request-service must know every claimant's registration, else a claim is a 403 and the test proves nothing
        awaitTrue("request-service knows the " + claimants + " claimants", Duration.ofSeconds(60), () -> scalar(
                "request_service", "select count(*) from grid_assignment_view where subject like ?",
                "faults-claimant-" + run + "-%") == claimants);
        System.out.printf("%-8s %8s %8s %8s %8s   %s%n", "wish", "claims", "200", "409", "other", "winner recorded");
        boolean met = true;
        ExecutorService pool = Executors.newFixedThreadPool(claimants);
        try {
            for (int w = 1; w <= wishes; w++) {
                Reply wish = send("POST", "/api/v1/requests", citizen, """
                        {"category": "wheelchair", "title": "为王奶奶圆一个轮椅心愿 %d", "gridNodeId": "%s"}"""
                        .formatted(w, grid), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                expect(wish, 201, "submit wish");
                String id = field(wish.body(), "id");
                expect(move(worker, id, "accept", null), 200, "accept wish");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (String t : tokens) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return send("POST", "/api/v1/requests/" + id + "/claim", t, null, Map.of()).status();
                    }));
                }
                go.countDown();
                Map<Integer, Integer> byStatus = new TreeMap<>();
                for (Future<Integer> a : answers) {
                    byStatus.merge(a.get(60, TimeUnit.SECONDS), 1, Integer::sum);
                }
                int ok = byStatus.getOrDefault(200, 0);
                int conflict = byStatus.getOrDefault(409, 0);
                int other = claimants - ok - conflict;
                String assignee = field(send("GET", "/api/v1/requests/" + id, admin, null, Map.of()).body(), "assignee");
                boolean one = ok == 1 && other == 0 && assignee != null && assignee.startsWith("faults-claimant-" + run);
                met &= one;
                System.out.printf("%-8d %8d %8d %8d %8d   %s%s%n", w, claimants, ok, conflict, other, assignee,
                        other == 0 ? "" : "  statuses " + byStatus);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("goal: exactly one 200 per wish, the rest 409 -> " + (met ? "met" : "NOT met"));
        return met;
    }

    // ---------------------------------------------------------------------------------------------------------
    // event latency: rated -> points visible in study-service
    // ---------------------------------------------------------------------------------------------------------

    boolean eventLatency() throws Exception {
        int samples = Integer.parseInt(env("FAULTS_EVENT_SAMPLES", "50"));
        // a first ticket, not measured: study-service must have learnt the member from grid.events
        int expected = points() + 5;
        rateOneTicket();
        int target = expected;
        awaitTrue("the first practice points", Duration.ofSeconds(60), () -> points() >= target);
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            int before = points();
            long rated = rateOneTicket();
            while (points() < before + 5) {
                if (System.nanoTime() - rated > Duration.ofSeconds(30).toNanos()) {
                    throw new IllegalStateException("points of a rated ticket not visible after 30 s");
                }
            }
            micros.add((System.nanoTime() - rated) / 1_000);
        }
        micros.sort(null);
        double p50 = percentile(micros, 50) / 1000.0, p99 = percentile(micros, 99) / 1000.0;
        System.out.printf("%-44s %8s %8s %8s %8s%n", "path", "samples", "p50 ms", "p99 ms", "max ms");
        System.out.printf("%-44s %8d %8.1f %8.1f %8.1f%n", "rate (200) -> GET points shows +5 (gateway)", samples, p50,
                p99, micros.get(micros.size() - 1) / 1000.0);
        boolean met = p99 < 150;
        System.out.printf("goal: p99 < 150 ms -> %s (the poll itself is a GET through the gateway, back to back)%n",
                met ? "met" : "NOT met");
        return met;
    }

    /** Submits, dispatches, takes, resolves and rates one ticket; answers System.nanoTime() at the rating's 200. */
    long rateOneTicket() throws Exception {
        Reply submitted = send("POST", "/api/v1/requests", citizen, """
                {"category": "neighbour-dispute", "title": "楼道堆物 %s", "gridNodeId": "%s"}"""
                .formatted(UUID.randomUUID(), grid), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        expect(submitted, 201, "submit");
        String id = field(submitted.body(), "id");
        expect(move(worker, id, "accept", null), 200, "accept");
        expect(move(worker, id, "dispatch", "{\"targetType\":\"PERSON\",\"targetId\":\"" + memberSubject + "\"}"), 200,
                "dispatch");
        expect(move(memberToken, id, "sign", null), 200, "sign");
        expect(move(memberToken, id, "start", null), 200, "start");
        expect(move(memberToken, id, "resolve", "{\"outcome\":\"FIXED\",\"notes\":\"已清理\"}"), 200, "resolve");
        expect(move(citizen, id, "rate", "{\"rating\":5,\"comment\":\"满意\"}"), 200, "rate");
        return System.nanoTime();
    }

    int points() {
        try {
            Reply reply = send("GET", "/api/v1/study/members/" + memberPerson + "/points", admin, null, Map.of());
            if (reply.status() != 200) {
                return -1;
            }
            Matcher m = Pattern.compile("\"balance\"\\s*:\\s*(-?\\d+)").matcher(reply.body());
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    Reply move(String token, String id, String action, String body) throws IOException {
        Reply current = send("GET", "/api/v1/requests/" + id, token, null, Map.of());
        String etag = current.headers().firstValue("ETag").orElseThrow(
                () -> new IllegalStateException("no ETag on GET " + id + ": " + current.status() + " " + current.body()));
        return send("POST", "/api/v1/requests/" + id + "/" + action, token, body, Map.of("If-Match", etag));
    }

    // ---------------------------------------------------------------------------------------------------------
    // faults under load
    // ---------------------------------------------------------------------------------------------------------

    /** Citizens submitting for the given time, each submission retried with its key until answered. */
    final class Load {
        final Set<String> answered = ConcurrentHashMap.newKeySet();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final AtomicInteger replays = new AtomicInteger();
        final AtomicInteger gaveUp = new AtomicInteger();
        final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        final AtomicLong lastFailure = new AtomicLong();
        final AtomicLong firstSuccessAfterFault = new AtomicLong();
        volatile long faultAt;
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Future<?>> workers = new ArrayList<>();
        final ExecutorService pool = Executors.newFixedThreadPool(clients);
        final String label;

        Load(String label) {
            this.label = label;
        }

        Load start() {
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        submitUntilAnswered();
                    }
                    return null;
                }));
            }
            return this;
        }

        void submitUntilAnswered() {
            String key = UUID.randomUUID().toString();
            String body = """
                    {"category": "neighbour-dispute", "title": "%s %s", "gridNodeId": "%s"}"""
                    .formatted(label, key.substring(0, 8), grid);
            // a mobile app keeps trying for a while (here up to 120 s, 0.25 s apart) before it tells its user
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            for (int attempt = 0; System.nanoTime() < giveUpAt; attempt++) {
                if (attempt > 0) {
                    retried.incrementAndGet();
                    pause(Duration.ofMillis(250));
                }
                attempts.incrementAndGet();
                String failure;
                try {
                    Reply reply = send("POST", "/api/v1/requests", citizen, body, Map.of("Idempotency-Key", key));
                    if (reply.status() == 201 || reply.status() == 200) {
                        answered.add(field(reply.body(), "id"));
                        if (reply.headers().firstValue("Idempotency-Replayed").isPresent()) {
                            replays.incrementAndGet();
                        }
                        if (faultAt != 0) {
                            firstSuccessAfterFault.compareAndSet(0, System.nanoTime());
                        }
                        return;
                    }
                    if (reply.status() < 500 && reply.status() != 409 && reply.status() != 429) {
                        throw new IllegalStateException("submission refused: " + reply.status() + " " + reply.body());
                    }
                    failure = "HTTP " + reply.status();
                } catch (IOException e) {
                    failure = e.getClass().getSimpleName();
                }
                failures.computeIfAbsent(failure, f -> new AtomicInteger()).incrementAndGet();
                lastFailure.set(System.nanoTime());
            }
            gaveUp.incrementAndGet();
        }

        void fault() {
            faultAt = System.nanoTime();
            firstSuccessAfterFault.set(0);
        }

        Load stop() throws Exception {
            stop.set(true);
            for (Future<?> w : workers) {
                w.get(180, TimeUnit.SECONDS);
            }
            pool.shutdown();
            return this;
        }

        long missingInDatabase() throws Exception {
            return answered.size() - countIn("request_service", "select count(*) from service_request where id = any(?)",
                    answered);
        }

        void print() {
            System.out.printf("%-24s %8s %9s %8s %8s %8s %s%n", "load", "answered", "attempts", "retries", "replays",
                    "gave up", "failures seen by the clients (then retried)");
            System.out.printf("%-24s %8d %9d %8d %8d %8d %s%n", label, answered.size(), attempts.get(), retried.get(),
                    replays.get(), gaveUp.get(), failures.isEmpty() ? "none" : new TreeMap<>(failures));
        }
    }

    boolean kafkaOutage() throws Exception {
        long outage = Long.parseLong(env("FAULTS_KAFKA_DOWN_SECONDS", "30"));
        Load load = new Load("kafka-outage").start();
        pause(Duration.ofSeconds(5));
        fault("kafka-stop");
        load.fault();
        long down = System.nanoTime();
        pause(Duration.ofSeconds(outage / 2));
        // the instances must stay in rotation: writes go on through the outbox
        int readyDuringOutage = statusOf(requestServiceManagement + "/q/health/ready");
        pause(Duration.ofSeconds(outage - outage / 2));
        fault("kafka-start");
        long back = System.nanoTime();
        pause(Duration.ofSeconds(5));
        load.stop();
        load.print();
        // every submitted event reaches grid-service's read model of open work; the outbox drains
        Set<String> ids = load.answered;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        long consumed;
        while ((consumed = countIn("grid_service", "select count(*) from request_work_view where request_id = any(?)",
                ids)) < ids.size() && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(200));
        }
        long drained = System.nanoTime();
        long unsent = scalar("request_service", "select count(*) from outbox_event where sent_at is null");
        TopicCount topic = countSubmittedInTopic(ids);
        System.out.printf("%n%-36s %10s%n", "events (request.submitted)", "count");
        System.out.printf("%-36s %10d%n", "tickets answered 201 (= produced)", ids.size());
        System.out.printf("%-36s %10d%n", "in the topic, distinct events", topic.distinct());
        System.out.printf("%-36s %10d%n", "in the topic, duplicate records", topic.records() - topic.distinct());
        System.out.printf("%-36s %10d%n", "consumed by grid-service", consumed);
        System.out.printf("%-36s %10d%n", "lost (produced - consumed)", ids.size() - consumed);
        System.out.printf("%-36s %10d%n", "outbox rows still unsent", unsent);
        System.out.printf("broker down %d s; everything consumed %.1f s after the broker was started again%n",
                Duration.ofNanos(back - down).toSeconds(), (drained - back) / 1e9);
        System.out.printf("request-service /q/health/ready half-way through the outage: %d%n", readyDuringOutage);
        long missing = load.missingInDatabase();
        boolean met = consumed == ids.size() && topic.distinct() == ids.size() && unsent == 0 && missing == 0
                && load.gaveUp.get() == 0 && readyDuringOutage == 200;
        System.out.println("goal: 0 lost, duplicates absorbed (grid-service counts each ticket once) -> "
                + (met ? "met" : "NOT met"));
        return met;
    }

    boolean instanceKill() throws Exception {
        Load load = new Load("instance-kill").start();
        pause(Duration.ofSeconds(5));
        fault("kill-request-service-2");
        load.fault();
        pause(Duration.ofSeconds(15));
        load.stop();
        load.print();
        long missing = load.missingInDatabase();
        long duplicates = scalar("request_service", """
                select count(*) - count(distinct title) from service_request where reporter_id = ? and title like 'instance-kill %'""",
                "faults-citizen-" + run);
        System.out.printf("%-44s %8d%n", "answered 201 but not in the database", missing);
        System.out.printf("%-44s %8d%n", "submissions that made two tickets", duplicates);
        fault("restart-missing");
        boolean met = missing == 0 && duplicates == 0 && load.gaveUp.get() == 0;
        System.out.println("goal: every ticket answered 201 is still there, none twice -> " + (met ? "met" : "NOT met"));
        return met;
    }

    boolean pgRestart() throws Exception {
        Map<String, String> pidsBefore = pids();
        Load load = new Load("pg-restart").start();
        pause(Duration.ofSeconds(5));
        load.fault();
        long restartAt = System.nanoTime();
        fault("pg-restart");
        long upAgain = System.nanoTime();
        pause(Duration.ofSeconds(10));
        load.stop();
        load.print();
        long missing = load.missingInDatabase();
        Map<String, String> pidsAfter = pids();
        boolean samePids = pidsBefore.equals(pidsAfter);
        boolean ready = true;
        ready &= statusOf(gatewayManagement + "/q/health/ready") == 200;
        long firstOk = load.firstSuccessAfterFault.get();
        System.out.printf("%-52s %s%n", "PostgreSQL restart (pg_ctl restart -m fast) took",
                "%.1f s".formatted((upAgain - restartAt) / 1e9));
        System.out.printf("%-52s %s%n", "first 201 after PostgreSQL was back",
                firstOk == 0 ? "none" : "%.1f s".formatted(Math.max(0, firstOk - upAgain) / 1e9));
        System.out.printf("%-52s %s%n", "service processes unchanged (no restart)", samePids ? "yes" : "NO " + pidsAfter);
        System.out.printf("%-52s %s%n", "gateway ready afterwards", ready ? "yes" : "NO");
        System.out.printf("%-52s %d%n", "answered 201 but not in the database", missing);
        // while the database is away the answer is a 503 to retry, never a 500 (a 500 says the service is broken)
        boolean no500 = !load.failures.containsKey("HTTP 500");
        System.out.printf("%-52s %s%n", "answers 500 while PostgreSQL was away", no500 ? "none" : load.failures.get("HTTP 500"));
        boolean met = samePids && ready && missing == 0 && load.gaveUp.get() == 0 && firstOk != 0 && no500;
        System.out.println("goal: the services recover by themselves, nothing answered is lost -> " + (met ? "met" : "NOT met"));
        return met;
    }

    Map<String, String> pids() throws IOException {
        Map<String, String> pids = new TreeMap<>();
        try (var files = Files.list(stateDir.resolve("pids"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid") && !p.toString().contains("kafka")).toList()) {
                pids.put(f.getFileName().toString(), Files.readString(f).trim());
            }
        }
        return pids;
    }

    void fault(String name) throws Exception {
        System.out.println("fault: " + name);
        Process p = new ProcessBuilder(control.toString(), "--fault", name).inheritIO().start();
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("bench/faults/run --fault " + name + " failed");
        }
    }

    record TopicCount(long records, long distinct) {
    }

    /** Reads request.events from the start: the submitted events of these tickets, records and distinct ids. */
    TopicCount countSubmittedInTopic(Set<String> ids) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-" + run + "-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Pattern type = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");
        Pattern id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
        long records = 0;
        Set<String> distinct = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("request.events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && ids.contains(r.key())) {
                        Matcher t = type.matcher(r.value());
                        if (t.find() && t.group(1).endsWith(".submitted.v1")) {
                            Matcher i = id.matcher(r.value());
                            records++;
                            if (i.find()) {
                                distinct.add(i.group(1));
                            }
                        }
                    }
                }
            }
        }
        return new TopicCount(records, distinct.size());
    }

    // ---------------------------------------------------------------------------------------------------------
    // plumbing
    // ---------------------------------------------------------------------------------------------------------

    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
    }

    Reply send(String method, String path, String token, String body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The status of a GET, or -1 when there was no answer: for conditions polled while things start. */
    int status(String path, String token) {
        try {
            return send("GET", path, token, null, Map.of()).status();
        } catch (IOException e) {
            return -1;
        }
    }

    static int statusOf(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void expect(Reply reply, int status, String what) {
        if (reply.status() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + reply.status() + " " + reply.body());
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    long scalar(String database, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(jdbcBase + database, dbUser, "");
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    long countIn(String database, String sql, Collection<String> ids) {
        try (Connection c = DriverManager.getConnection(jdbcBase + database, dbUser, "");
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static void awaitTrue(String what, Duration atMost, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            pause(Duration.ofMillis(100));
        }
    }

    /** The harness paces its own load and faults; nothing here waits for a result it could poll. */
    static void pause(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The management interface of the process at base (http://host:port): the same host, port + 100. */
    static String management(String base) {
        java.net.URI uri = java.net.URI.create(base);
        return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() + 100);
    }
}
