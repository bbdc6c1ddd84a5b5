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

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
 *   kafka-outage   submissions under load while the broker is killed for 30 s, 2 min and 5 min (one round each)
 *                  and started again: events produced vs. in the topic vs. consumed by grid-service, every
 *                  consumer group at the end of its topic, 0 lost, duplicates absorbed
 *   instance-kill  kill -9 one of two request-service instances under load: every ticket answered 201 exists
 *   pg-restart     PostgreSQL restarted under load: the services recover without a restart of their own
 *   order-at-scale three instances of grid-service and of request-service under load on the same aggregates
 *                  (renames, moves, ticket lifecycles), one of each killed -9: every key's subjectsequence in
 *                  order in grid.events and request.events, every read model equal to its owner (issue 17)
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
                case "order-at-scale" -> bench.orderAtScale();
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
        // the registry makes the worker a 网格员 of the grid; the token says only "staff"
        registerWorker("faults-worker-" + run, grid);
        worker = token("faults-worker-" + run, "staff", null);
        awaitTrue("request-service knows the grid", Duration.ofSeconds(60),
                () -> status("/api/v1/requests/grid-nodes/" + grid, admin) == 200);
        memberSubject = "faults-member-" + run;
        memberPerson = registerPartyMember(memberSubject, "演练党员");
        memberToken = token(memberSubject, "citizen", null);
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

    /** A person with this login, grid worker (GRID_WORKER) at {@code node} by the registry. */
    String registerWorker(String subject, String node) throws Exception {
        Reply person = send("POST", "/api/v1/people", admin, """
                {"name": "演练网格员", "homeNodeId": "%s", "subject": "%s"}""".formatted(node, subject), Map.of());
        expect(person, 201, "register " + subject);
        String id = field(person.body(), "id");
        expect(send("POST", "/api/v1/grids/" + node + "/assignments", admin, """
                {"personId": "%s", "role": "GRID_WORKER"}""".formatted(id), Map.of()), 201, "assign " + subject);
        return id;
    }

    String node(String name, String level, String parent) throws Exception {
        String code = "FLT-" + run + "-" + level.charAt(0) + UUID.randomUUID().toString().substring(0, 6);
        Reply created;
        // a freshly started suite on a busy machine may time out the first writes (504): try again, a new code
        for (int attempt = 1; ; attempt++) {
            created = send("POST", "/api/v1/grids", admin, "{\"name\":\"%s\",\"level\":\"%s\",\"code\":\"%s\"%s}"
                    .formatted(name, level, code + (attempt == 1 ? "" : "-" + attempt),
                            parent == null ? "" : ",\"parentId\":\"" + parent + "\""), Map.of());
            if (created.status() < 500 || attempt == 5) {
                break;
            }
            pause(Duration.ofSeconds(2));
        }
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
            tokens.add(token(subject, "citizen", null));
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
        // by the member's person id: a 400 (request-service has not heard of the registration yet) changes nothing
        String dispatch = "{\"targetType\":\"PERSON\",\"targetId\":\"" + memberPerson + "\"}";
        awaitTrue("request-service knows the party member", Duration.ofSeconds(60), () -> {
            try {
                Reply reply = move(worker, id, "dispatch", dispatch);
                if (reply.status() != 200 && reply.status() != 400) {
                    expect(reply, 200, "dispatch");
                }
                return reply.status() == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
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

    /**
     * One round per outage length in FAULTS_KAFKA_DOWN_SECONDS (a comma-separated list, default 30,120,300: half a
     * minute, two and five minutes — a consumer used to die on the first offset commit that outlived its 60 s API
     * timeout, so the longer two are the ones that matter). Each round must be met on its own.
     */
    boolean kafkaOutage() throws Exception {
        List<Long> outages = Arrays.stream(env("FAULTS_KAFKA_DOWN_SECONDS", "30,120,300").split(","))
                .map(String::trim).filter(v -> !v.isEmpty()).map(Long::parseLong).toList();
        boolean allMet = true;
        List<String> summary = new ArrayList<>();
        for (long outage : outages) {
            System.out.printf("%n-- broker down %d s --%n", outage);
            OutageRound round = kafkaOutage(outage);
            summary.add(round.summary());
            allMet &= round.met();
        }
        if (outages.size() > 1) {
            System.out.printf("%n%-10s %9s %9s %6s %11s %s%n", "down", "answered", "consumed", "lost", "caught up",
                    "consumer groups at the end of their topic");
            summary.forEach(System.out::println);
        }
        return allMet;
    }

    record OutageRound(boolean met, String summary) {
    }

    OutageRound kafkaOutage(long outage) throws Exception {
        Load load = new Load("kafka-outage-" + outage + "s").start();
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
        // every submitted event reaches grid-service's read model of open work, the outbox drains, and every
        // consumer group of the suite reaches the end of its topic (consumed, or skipped as not its business)
        // waits as long as the backlog shrinks (a long outage under load leaves tens of thousands of events to catch
        // up on, at a pace this shared machine decides), and gives up after 60 s without progress or 15 min in all
        Set<String> ids = load.answered;
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        long stalledAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long consumed;
        long behind = Long.MAX_VALUE;
        Map<String, Long> lags = Map.of();
        while (((consumed = countIn("grid_service", "select count(*) from request_work_view where request_id = any(?)",
                ids)) < ids.size() || !(lags = consumerLags()).values().stream().allMatch(lag -> lag == 0))
                && System.nanoTime() < deadline && System.nanoTime() < stalledAt) {
            long now = ids.size() - consumed + lags.values().stream().mapToLong(Long::longValue).sum();
            if (now < behind) {
                behind = now;
                stalledAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            }
            pause(Duration.ofMillis(500));
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
        System.out.printf("%-36s %s%n", "consumer groups' lag (broker)", new TreeMap<>(lags));
        System.out.printf("broker down %d s; everything consumed %.1f s after the broker was started again%n",
                Duration.ofNanos(back - down).toSeconds(), (drained - back) / 1e9);
        System.out.printf("request-service /q/health/ready half-way through the outage: %d%n", readyDuringOutage);
        long missing = load.missingInDatabase();
        boolean groupsDone = !lags.isEmpty() && lags.values().stream().allMatch(lag -> lag == 0);
        boolean met = consumed == ids.size() && topic.distinct() == ids.size() && unsent == 0 && missing == 0
                && load.gaveUp.get() == 0 && readyDuringOutage == 200 && groupsDone;
        System.out.println("goal: 0 lost, every consumer group caught up, duplicates absorbed (grid-service counts each"
                + " ticket once) -> " + (met ? "met" : "NOT met"));
        return new OutageRound(met, "%-10s %9d %9d %6d %9.1f s %s".formatted(outage + " s", ids.size(), consumed,
                ids.size() - consumed, (drained - back) / 1e9, groupsDone ? "all (" + lags.size() + ")" : lags));
    }

    /**
     * Every consumer group of the suite (not the bench's own readers) and how many records of its topic it has not
     * committed past: the broker's view, so a consumer that died or froze shows however quiet its service is.
     */
    Map<String, Long> consumerLags() throws Exception {
        Map<String, Long> lags = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
            for (GroupListing group : admin.listGroups().all().get(15, TimeUnit.SECONDS)) {
                String name = group.groupId();
                String topic = name.endsWith(".request-events") ? "request.events"
                        : name.endsWith(".grid-events") ? "grid.events" : null;
                if (topic == null) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(name)
                        .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
                List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(15, TimeUnit.SECONDS).get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
                long lag = 0;
                for (var end : admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS).entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    lag += end.getValue().offset() - (at == null ? 0 : at.offset());
                }
                lags.put(name, lag);
            }
        }
        return lags;
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
    // order-at-scale (issue 17): three instances of grid-service and of request-service, each with its outbox
    // relay and its consumers, under a load that changes the same aggregates from many clients; one instance of
    // each killed -9 half-way. Then every aggregate's events must be in order in the topics and every read model
    // equal to its owner's table.
    // ---------------------------------------------------------------------------------------------------------

    boolean orderAtScale() throws Exception {
        long seconds = Long.parseLong(env("FAULTS_ORDER_SECONDS", "40"));
        if (!Files.exists(stateDir.resolve("pids/grid-service-3.pid"))
                || !Files.exists(stateDir.resolve("pids/request-service-3.pid"))) {
            throw new IllegalStateException("order-at-scale needs three instances of grid-service and request-service"
                    + " (bench/faults/run starts them when the scenario is named)");
        }
        // a community of its own next to the suite's, and four more grids: the mover shuttles the grids between
        // the two communities (each move rewrites paths in every read model) while tickets are open there
        String community = parentOf(grid);
        String streetOfCommunity = parentOf(community);
        String otherCommunity = node("演练二社区", "COMMUNITY", streetOfCommunity);
        List<String> grids = new ArrayList<>(List.of(grid));
        for (int i = 1; i <= 4; i++) {
            grids.add(node("演练网格" + i, "GRID", community));
        }
        List<String> renamed = new ArrayList<>(grids);
        renamed.add(community);
        renamed.add(otherCommunity);
        renamed.add(streetOfCommunity);
        registerWorker("faults-order-worker-" + run, streetOfCommunity);
        String districtWorker = token("faults-order-worker-" + run, "staff", null);
        for (String g : grids) {
            awaitTrue("request-service knows grid " + g, Duration.ofSeconds(60),
                    () -> status("/api/v1/requests/grid-nodes/" + g, admin) == 200);
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
                Reply current = send("GET", "/api/v1/grids/" + id, admin, null, Map.of());
                String etag = current.headers().firstValue("ETag").orElse("\"0\"");
                return send("PATCH", "/api/v1/grids/" + id, admin, "{\"name\":\"改名%d-%s\"}"
                        .formatted(renamer, UUID.randomUUID().toString().substring(0, 6)), Map.of("If-Match", etag));
            })));
        }
        // one mover: a grid to the other community and back
        loops.add(pool.submit(() -> loop(stop, counts, "move", () -> {
            String id = grids.get((int) (Math.random() * grids.size()));
            Reply current = send("GET", "/api/v1/grids/" + id, admin, null, Map.of());
            String etag = current.headers().firstValue("ETag").orElse("\"0\"");
            String to = community.equals(field(current.body(), "parentId")) ? otherCommunity : community;
            return send("POST", "/api/v1/grids/" + id + "/move", admin, "{\"parentId\":\"" + to + "\"}",
                    Map.of("If-Match", etag));
        })));
        // two clients walk tickets through the whole lifecycle at the suite's grid (seven events each) ...
        for (int c = 0; c < 2; c++) {
            loops.add(pool.submit(() -> loop(stop, counts, "lifecycle", () -> {
                rateOneTicket();
                return new Reply(200, "", null);
            })));
        }
        // ... and two leave tickets open (submitted, some accepted) at the shuttled grids
        for (int c = 0; c < 2; c++) {
            loops.add(pool.submit(() -> loop(stop, counts, "open", () -> {
                String at = grids.get((int) (Math.random() * grids.size()));
                Reply submitted = send("POST", "/api/v1/requests", citizen, """
                        {"category": "neighbour-dispute", "title": "order %s", "gridNodeId": "%s"}"""
                        .formatted(UUID.randomUUID(), at), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                if (submitted.status() != 201 || Math.random() < 0.5) {
                    return submitted;
                }
                return move(districtWorker, field(submitted.body(), "id"), "accept", null);
            })));
        }
        long started = System.nanoTime();
        pause(Duration.ofSeconds(seconds / 4));
        fault("kill-grid-service-2");
        pause(Duration.ofSeconds(seconds / 4));
        fault("kill-request-service-2");
        pause(Duration.ofSeconds(seconds - 2 * (seconds / 4)));
        stop.set(true);
        for (Future<?> l : loops) {
            l.get(180, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long loadEnd = System.nanoTime();
        System.out.printf("load %d s, 3 + 3 instances, grid-service-2 and request-service-2 killed -9 at %d s and %d s%n",
                Duration.ofNanos(loadEnd - started).toSeconds(), seconds / 4, seconds / 2);
        System.out.printf("%-12s %s%n", "operation", "answers by status (exceptions: calls cut by a kill)");
        printCounts(counts);

        // the survivors' relays take over the dead instances' shards; the consumers catch up
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        Comparison nodes, tickets;
        long unsent;
        do {
            pause(Duration.ofSeconds(1));
            unsent = scalar("grid_service", "select count(*) from outbox_event where sent_at is null")
                    + scalar("request_service", "select count(*) from outbox_event where sent_at is null");
            nodes = compareNodes();
            tickets = compareTickets();
        } while ((unsent > 0 || nodes.differing() > 0 || tickets.differing() > 0) && System.nanoTime() < deadline);
        System.out.printf("converged %.1f s after the load stopped (outboxes empty, read models compared)%n",
                (System.nanoTime() - loadEnd) / 1e9);

        TopicOrder gridOrder = topicOrder("grid.events");
        TopicOrder requestOrder = topicOrder("request.events");
        System.out.printf("%n%-16s %8s %8s %10s %11s %13s %11s%n", "topic", "records", "keys", "max/key",
                "duplicates", "out of order", "unnumbered");
        for (TopicOrder t : List.of(gridOrder, requestOrder)) {
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
        fault("restart-missing");
        boolean met = gridOrder.outOfOrder() == 0 && requestOrder.outOfOrder() == 0 && gridOrder.unnumbered() == 0
                && requestOrder.unnumbered() == 0 && nodes.differing() == 0 && tickets.differing() == 0
                && tickets.openDiffering() == 0 && unsent == 0;
        System.out.println("goal: every key's events in order in the topics, every read model equal to its owner -> "
                + (met ? "met" : "NOT met"));
        return met;
    }

    interface Step {
        Reply run() throws Exception;
    }

    /** Runs the step until stopped, counting answers by operation and status (a failure is counted, not fatal). */
    static Void loop(AtomicBoolean stop, Map<String, AtomicInteger> counts, String operation, Step step) {
        while (!stop.get()) {
            String outcome;
            try {
                outcome = Integer.toString(step.run().status());
            } catch (Exception e) {
                outcome = e instanceof IllegalStateException ? "refused" : e.getClass().getSimpleName();
                pause(Duration.ofMillis(100));
            }
            counts.computeIfAbsent(operation + " " + outcome, k -> new AtomicInteger()).incrementAndGet();
        }
        return null;
    }

    static void printCounts(Map<String, AtomicInteger> counts) {
        Map<String, Map<String, Integer>> byOperation = new TreeMap<>();
        counts.forEach((k, v) -> byOperation.computeIfAbsent(k.split(" ")[0], o -> new TreeMap<>())
                .put(k.split(" ")[1], v.get()));
        byOperation.forEach((op, byStatus) -> System.out.printf("%-12s %s%n", op, byStatus));
    }

    String parentOf(String node) throws IOException {
        return field(send("GET", "/api/v1/grids/" + node, admin, null, Map.of()).body(), "parentId");
    }

    record Comparison(long rows, long differingRequest, long differingStudy, long openOwner, long openDiffering) {
        long differing() {
            return differingRequest + differingStudy;
        }
    }

    /** grid_node_view in request-service and study-service against grid-service's grid_node, row by row. */
    Comparison compareNodes() {
        String columns = "cast(id as text), coalesce(cast(parent_id as text), '') || ' ' || path || ' ' || name || ' ' || status";
        Map<String, String> owner = rows("grid_service", "select " + columns + " from grid_node");
        Map<String, String> request = rows("request_service", "select " + columns + " from grid_node_view");
        Map<String, String> study = rows("study_service", "select " + columns + " from grid_node_view");
        return new Comparison(owner.size(), differing(owner, request), differing(owner, study), 0, 0);
    }

    /** grid-service's request_work_view against request-service's tickets, and the open work per node. */
    Comparison compareTickets() {
        String open = "status not in ('REJECTED', 'CLOSED', 'WITHDRAWN')";
        Map<String, String> owner = rows("request_service",
                "select cast(id as text), coalesce(cast(grid_node_id as text), '') || ' ' || status from service_request");
        Map<String, String> view = rows("grid_service",
                "select cast(request_id as text), coalesce(cast(grid_node_id as text), '') || ' ' || status from request_work_view");
        Map<String, String> openOwner = rows("request_service", "select coalesce(cast(grid_node_id as text), ''), "
                + "cast(count(*) as text) from service_request where " + open + " group by grid_node_id");
        Map<String, String> openView = rows("grid_service", "select coalesce(cast(grid_node_id as text), ''), "
                + "cast(count(*) as text) from request_work_view where " + open + " group by grid_node_id");
        long openTotal = openOwner.values().stream().mapToLong(Long::parseLong).sum();
        return new Comparison(owner.size(), differing(owner, view), 0, openTotal, differing(openOwner, openView));
    }

    static long differing(Map<String, String> owner, Map<String, String> copy) {
        Set<String> keys = new HashSet<>(owner.keySet());
        keys.addAll(copy.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(owner.get(k), copy.get(k))).count();
    }

    Map<String, String> rows(String database, String sql) {
        Map<String, String> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcBase + database, dbUser, "");
             PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return rows;
    }

    record TopicOrder(String topic, long records, long keys, long maxPerKey, long duplicates, long outOfOrder,
            long unnumbered) {
    }

    /**
     * Reads a whole topic back and checks each key's subjectsequence: a record whose event id was seen before is
     * a duplicate (a relay retry; consumers skip it); every other must carry a number above the key's last.
     */
    TopicOrder topicOrder(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-order-" + run + "-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Pattern id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
        Pattern sequence = Pattern.compile("\"subjectsequence\"\\s*:\\s*(\\d+)");
        long records = 0, duplicates = 0, outOfOrder = 0, unnumbered = 0;
        Set<String> seen = new HashSet<>();
        Map<String, Long> last = new HashMap<>();
        Map<String, Long> perKey = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    Matcher i = id.matcher(r.value());
                    if (!i.find() || !seen.add(i.group(1))) {
                        duplicates++;
                        continue;
                    }
                    perKey.merge(r.key(), 1L, Long::sum);
                    Matcher n = sequence.matcher(r.value());
                    if (!n.find()) {
                        unnumbered++;
                        continue;
                    }
                    long number = Long.parseLong(n.group(1));
                    Long before = last.put(r.key(), number);
                    if (before != null && number <= before) {
                        outOfOrder++;
                        last.put(r.key(), before);
                    }
                }
            }
        }
        return new TopicOrder(topic, records, perKey.size(),
                perKey.values().stream().mapToLong(Long::longValue).max().orElse(0), duplicates, outOfOrder, unnumbered);
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
