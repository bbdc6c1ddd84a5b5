package cn.grid.system.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/**
 * Bad-input fuzzing of the whole suite through the gateway (issue 7): reads each service's OpenAPI document,
 * creates real entities, then sends {@code count} requests, each a valid request with one thing made wrong, and
 * checks every answer: never a 5xx, every 4xx {@code application/problem+json} with {@code status} and
 * {@code title} (on {@code /open311/**} the GeoReport v2 error array is accepted as well, as request-service
 * documents). Everything is derived from {@code seed}.
 *
 * @param gateway   the gateway's base URL
 * @param openApis  service name → its {@code /q/openapi?format=json} URL
 * @param count     how many fuzz requests to send (the baseline and If-Match reads come on top)
 * @param seed      the seed of every random choice
 */
public record Fuzzer(String gateway, Map<String, String> openApis, int count, long seed, Consumer<String> log) {

    static final String ETAG_PLACEHOLDER = "<etag>";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> ROLES = List.of("district-admin", "district-admin", "district-admin",
            "district-admin", "district-admin", "org-admin", "grid-worker", "party-member", "citizen", "service",
            "(none)", "(invalid)");

    public FuzzReport run() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        FuzzReport report = new FuzzReport(openApis.keySet());
        List<OpenApi.Operation> operations = new ArrayList<>();
        for (Map.Entry<String, String> api : openApis.entrySet()) {
            HttpResponse<String> doc = client.send(HttpRequest.newBuilder(URI.create(api.getValue()))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (doc.statusCode() != 200) {
                throw new IllegalStateException(api.getValue() + " answered " + doc.statusCode());
            }
            operations.addAll(OpenApi.operations(api.getKey(), MAPPER.readTree(doc.body())).stream()
                    .filter(op -> routed(op.path())).toList());
        }
        log.accept("fuzz: " + operations.size() + " operations from " + openApis.keySet() + ", seed " + seed
                + ", " + count + " requests");

        Session session = new Session(client, report);
        Pool pool = new Pool();
        baseline(session, pool, operations);
        log.accept("fuzz: baseline done: " + pool.all().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().size()).toList());

        Mutations mutations = new Mutations(pool);
        for (int i = 0; i < count; i++) {
            // one Random per request: request i is the same for a seed whatever ran before it
            Random random = new Random(seed * 1_000_003L + i);
            OpenApi.Operation op = operations.get(random.nextInt(operations.size()));
            String role = ROLES.get(random.nextInt(ROLES.size()));
            Mutations.Case c = random.nextInt(10) == 0 ? mutations.valid(op, random, role)
                    : mutations.mutate(op, random, role);
            try {
                session.send(c, true);
            } catch (RuntimeException fuzzerBug) {
                // a bug of the fuzzer must not hide what the other requests find; it is shown as an unsent request
                report.unsendable(c, new IllegalArgumentException(fuzzerBug));
            }
            if ((i + 1) % 1000 == 0) {
                log.accept("fuzz: " + (i + 1) + " sent");
            }
        }
        return report;
    }

    private static boolean routed(String path) {
        return path.startsWith("/api/v1/") || path.startsWith("/open311/") || path.startsWith("/xapi/");
    }

    /** Sends requests with tokens of each role and checks every answer into the report. */
    private final class Session {

        private final HttpClient client;
        private final FuzzReport report;
        private final Map<String, String> tokens = new LinkedHashMap<>();

        Session(HttpClient client, FuzzReport report) {
            this.client = client;
            this.report = report;
        }

        void tokens(String gridScope, String streetScope) throws Exception {
            tokens.put("district-admin", devToken("fuzz-admin", "district-admin", null));
            tokens.put("org-admin", devToken("fuzz-org-admin", "org-admin", streetScope));
            tokens.put("grid-worker", devToken("fuzz-worker", "grid-worker", gridScope));
            tokens.put("party-member", devToken("fuzz-member", "party-member", gridScope));
            tokens.put("citizen", devToken("fuzz-citizen", "citizen", null));
            tokens.put("service", devToken("fuzz-service", "service", null));
            tokens.put("(invalid)", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        }

        private String devToken(String subject, String role, String scope) throws Exception {
            String body = MAPPER.writeValueAsString(Map.of("subject", subject, "roles", List.of(role)))
                    .replace("}", ", \"gridScope\": " + (scope == null ? "null" : "\"" + scope + "\"") + "}");
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(gateway + "/auth/dev-token"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("dev token: " + r.statusCode() + " " + r.body());
            }
            return MAPPER.readTree(r.body()).path("token").asText();
        }

        /** A plain call of the baseline: checked like any other, answer returned. */
        JsonNode call(String role, String method, String path, String body, Map<String, String> headers,
                      int expected) throws Exception {
            HttpResponse<byte[]> r = exchange(role, method, path, body == null ? null
                    : body.getBytes(StandardCharsets.UTF_8), "application/json", headers);
            if (r.statusCode() != expected) {
                throw new IllegalStateException("baseline " + method + " " + path + " answered " + r.statusCode()
                        + ": " + new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body().length == 0 ? MAPPER.nullNode() : MAPPER.readTree(r.body());
        }

        HttpResponse<byte[]> send(Mutations.Case c, boolean count) throws Exception {
            Map<String, String> headers = new LinkedHashMap<>(c.headers());
            if (ETAG_PLACEHOLDER.equals(headers.get("If-Match"))) {
                headers.put("If-Match", currentETag(c));
            }
            String target = c.path() + (c.query().isEmpty() ? "" : "?" + c.query());
            HttpResponse<byte[]> response;
            try {
                response = exchange(c.role(), c.op().method(), target, c.body(), c.contentType(), headers);
            } catch (IllegalArgumentException unsendable) {
                // the HTTP client itself refuses this URL or header: nothing reached the suite
                report.unsendable(c, unsendable);
                return null;
            } catch (IOException e) {
                if (count) {
                    report.noAnswer(c, e);
                }
                return null;
            }
            if (count) {
                report.record(c, response);
            }
            return response;
        }

        private String currentETag(Mutations.Case c) {
            String path = c.path();
            String template = c.op().path();
            int lastParam = template.lastIndexOf('}');
            if (lastParam > 0) {
                int segments = (int) template.substring(0, lastParam + 1).chars().filter(ch -> ch == '/').count();
                String[] parts = path.split("/");
                path = String.join("/", java.util.Arrays.copyOfRange(parts, 0, Math.min(parts.length, segments + 1)));
            }
            try {
                HttpResponse<byte[]> r = exchange(c.role(), "GET", path, null, null,
                        c.op().path().startsWith("/xapi") ? Map.of("X-Experience-API-Version", "1.0.3") : Map.of());
                return r.headers().firstValue("ETag").orElse("\"0\"");
            } catch (IOException | InterruptedException | IllegalArgumentException e) {
                return "\"0\"";
            }
        }

        HttpResponse<byte[]> exchange(String role, String method, String target, byte[] body, String contentType,
                                      Map<String, String> headers) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + target))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            String token = tokens.get(role);
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (contentType != null && body != null) {
                b.header("Content-Type", contentType);
            }
            headers.forEach(b::header);
            return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    /**
     * Real entities to aim at: a district → street → community → grid, a party member registered there, a ticket,
     * an Open311 key; then every create operation sent once or twice with valid values, its ids kept.
     */
    private void baseline(Session s, Pool pool, List<OpenApi.Operation> operations) throws Exception {
        s.tokens(null, null);
        // fresh JVMs on a busy machine: the first calls of each service may take longer than the gateway's timeout
        for (String probe : List.of("/api/v1/grids/00000000-0000-0000-0000-000000000000", "/api/v1/study/materials",
                "/api/v1/request-categories")) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() ->
                    s.exchange("district-admin", "GET", probe, null, null, Map.of()).statusCode() < 500);
        }
        String tag = Long.toHexString(seed & 0xffffff) + "-" + Integer.toHexString(new Random().nextInt());
        String district = node(s, "沾益区", "DISTRICT", null, tag);
        String street = node(s, "龙华街道", "STREET", district, tag);
        String community = node(s, "清河社区", "COMMUNITY", street, tag);
        String grid = node(s, "大为小区网格", "GRID", community, tag);
        List.of(district, street, community, grid).forEach(id -> pool.add("grids", id));
        s.tokens(grid, street);
        pool.add("subjects", "fuzz-member");
        pool.add("categories", "water-pipe");
        pool.add("categories", "neighbour-dispute");

        String person = s.call("district-admin", "POST", "/api/v1/people", """
                {"name": "陈党员", "phone": "13812345678", "address": "大为小区 3 栋", "idNumber": null,
                 "homeNodeId": "%s", "subject": "fuzz-member"}""".formatted(grid), Map.of(), 201).path("id").asText();
        pool.add("people", person);
        JsonNode assignment = s.call("district-admin", "POST", "/api/v1/grids/" + grid + "/assignments", """
                {"personId": "%s", "role": "PARTY_MEMBER", "startDate": "%s", "endDate": null,
                 "workOrganisation": null}""".formatted(person, LocalDate.now(ZoneId.of("Asia/Shanghai"))),
                Map.of(), 201);
        pool.add("assignments", assignment.path("id").asText(null));
        // the worker's and the administrator's tokens claim roles the services do not believe: the registry makes
        // fuzz-worker a grid worker of the grid and fuzz-org-admin the secretary of the street's committee
        String worker = s.call("district-admin", "POST", "/api/v1/people", """
                {"name": "李网格员", "homeNodeId": "%s", "subject": "fuzz-worker"}""".formatted(grid), Map.of(), 201)
                .path("id").asText();
        s.call("district-admin", "POST", "/api/v1/grids/" + grid + "/assignments", """
                {"personId": "%s", "role": "GRID_WORKER"}""".formatted(worker), Map.of(), 201);
        String secretary = s.call("district-admin", "POST", "/api/v1/people", """
                {"name": "王书记", "homeNodeId": "%s", "subject": "fuzz-org-admin"}""".formatted(street), Map.of(), 201)
                .path("id").asText();
        String committee = s.call("district-admin", "POST", "/api/v1/party-orgs", """
                {"kind": "PARTY_COMMITTEE", "name": "龙华街道党委", "gridNodeId": "%s"}""".formatted(street), Map.of(),
                201).path("id").asText();
        s.call("district-admin", "POST", "/api/v1/party-orgs/" + committee + "/members", """
                {"personId": "%s", "role": "SECRETARY"}""".formatted(secretary), Map.of(), 201);

        // the other services learn the grid from grid.events
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                s.exchange("district-admin", "GET", "/api/v1/requests/grid-nodes/" + grid, null, null, Map.of())
                        .statusCode() == 200
                        && s.exchange("district-admin", "GET", "/api/v1/study/grid-nodes/" + grid, null, null, Map.of())
                        .statusCode() == 200);

        for (int i = 0; i < 2; i++) {
            JsonNode ticket = s.call("citizen", "POST", "/api/v1/requests", """
                    {"category": "water-pipe", "title": "大为小区 3 栋水管爆裂", "gridNodeId": "%s",
                     "attributes": {"water_cut": "yes"}, "contact": {"phone": "13800001234"}}""".formatted(grid),
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()), 201);
            pool.add("requests", ticket.path("id").asText());
        }
        JsonNode key = s.call("district-admin", "POST", "/api/v1/open311/keys",
                "{\"name\": \"fuzz-" + tag + "\"}", Map.of(), 201);
        pool.add("keys", key.path("id").asText(null));
        pool.add("api-keys", key.path("key").asText(null));

        // every create operation with valid values, twice, keeping what it made
        Mutations valid = new Mutations(pool);
        for (int round = 0; round < 2; round++) {
            for (OpenApi.Operation op : operations) {
                if (!op.method().equals("POST") || op.body() == null) {
                    continue;
                }
                Random random = new Random(seed + round * 7919L + op.key().hashCode());
                HttpResponse<byte[]> r = s.send(valid.valid(op, random, "district-admin"), true);
                if (r != null && r.statusCode() / 100 == 2) {
                    harvest(pool, op.path(), r.body());
                }
            }
        }
    }

    private static void harvest(Pool pool, String template, byte[] body) {
        try {
            JsonNode json = MAPPER.readTree(body);
            String id = json == null ? null : json.path("id").asText(null);
            if (id == null) {
                return;
            }
            String[] segments = template.split("/");
            String last = segments[segments.length - 1];
            String kind = last.startsWith("{") ? null : last;
            if ("members".equals(kind)) {
                kind = template.contains("/party-orgs/") ? "memberships" : "team-members";
            }
            if (kind != null && !kind.contains(".")) {
                pool.add(kind, id);
            }
        } catch (IOException notJson) {
            // an answer without an id to keep
        }
    }

    private static String node(Session s, String name, String level, String parent, String tag) throws Exception {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            // a new code per attempt: an attempt that timed out at the gateway may still have created its node
            String body = "{\"name\": \"" + name + "\", \"level\": \"" + level + "\", \"code\": \"F"
                    + level.charAt(0) + attempt + tag + "\"" + (parent == null ? "" : ", \"parentId\": \"" + parent + "\"")
                    + "}";
            try {
                return s.call("district-admin", "POST", "/api/v1/grids", body, Map.of(), 201).path("id").asText();
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }
}
