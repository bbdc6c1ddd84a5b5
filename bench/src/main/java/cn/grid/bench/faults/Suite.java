package cn.grid.bench.faults;

import cn.grid.bench.GatewayClient;
import cn.grid.bench.Json;
import cn.grid.bench.Reply;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The fault suite through its gateway: plain calls, dev tokens, and the registry's places and people. */
public final class Suite {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final GatewayClient client;
    /** This run's id: the codes and subjects it makes carry it, so runs against one suite do not collide. */
    private final String run;
    private String admin;

    public Suite(String gateway, String run) {
        this.client = new GatewayClient(gateway, Duration.ofSeconds(30));
        this.run = run;
    }

    public GatewayClient client() {
        return client;
    }

    public String run() {
        return run;
    }

    /** The district administrator's token (asked once). */
    public String admin() throws IOException {
        if (admin == null) {
            admin = token("faults-admin", "district-admin", null);
        }
        return admin;
    }

    public Reply send(String method, String path, String token, String body, Map<String, String> headers)
            throws IOException {
        return client.send(method, path, token, body, headers);
    }

    /** POSTs a JSON body (a map, written with Jackson). */
    public Reply post(String path, String token, Object body, Map<String, String> headers) throws IOException {
        return send("POST", path, token, body == null ? null : Json.write(body), headers);
    }

    /** The status of a GET, or -1 when there was no answer: for conditions polled while things start. */
    public int status(String path, String token) {
        try {
            return send("GET", path, token, null, Map.of()).status();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The status of a GET of a whole URL (a management interface), or -1 without an answer. */
    public static int statusOf(String url) {
        return GatewayClient.statusOf(url);
    }

    /** A lifecycle step with the ticket's current ETag as If-Match. */
    public Reply move(String token, String id, String action, Object body) throws IOException {
        Reply current = send("GET", "/api/v1/requests/" + id, token, null, Map.of());
        String etag = current.headers().firstValue("ETag").orElseThrow(() -> new IllegalStateException(
                "no ETag on GET " + id + ": " + current.status() + " " + current.body()));
        return post("/api/v1/requests/" + id + "/" + action, token, body, Map.of("If-Match", etag));
    }

    public String token(String subject, String role, String scope) throws IOException {
        Map<String, Object> body = new HashMap<>();
        body.put("subject", subject);
        body.put("roles", java.util.List.of(role));
        body.put("gridScope", scope);
        return post("/auth/dev-token", null, body, Map.of())
                .expect(200, "dev token (is the gateway running with the dev profile?)").field("token");
    }

    /** A node with a code of this run (a fresh code per attempt: a busy, fresh suite may time out first writes). */
    public String node(String name, String level, String parent) throws IOException {
        String code = "FLT-" + run + "-" + level.charAt(0) + UUID.randomUUID().toString().substring(0, 6);
        Reply created;
        for (int attempt = 1; ; attempt++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("level", level);
            body.put("code", code + (attempt == 1 ? "" : "-" + attempt));
            if (parent != null) {
                body.put("parentId", parent);
            }
            created = post("/api/v1/grids", admin(), body, Map.of());
            if (created.status() < 500 || attempt == 5) {
                break;
            }
            Pace.pause(Duration.ofSeconds(2));
        }
        return created.expect(201, "create node " + code).field("id");
    }

    public String parentOf(String node) throws IOException {
        return send("GET", "/api/v1/grids/" + node, admin(), null, Map.of()).field("parentId");
    }

    /** A person with this login, party member (PARTY_MEMBER) of {@code grid} from today by the registry. */
    public String registerPartyMember(String subject, String name, String grid) throws IOException {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("name", name);
        person.put("phone", null);
        person.put("address", "演练小区");
        person.put("idNumber", null);
        person.put("homeNodeId", grid);
        person.put("subject", subject);
        String id = post("/api/v1/people", admin(), person, Map.of()).expect(201, "register " + subject).field("id");
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("personId", id);
        role.put("role", "PARTY_MEMBER");
        role.put("startDate", LocalDate.now(SHANGHAI).toString());
        role.put("endDate", null);
        role.put("workOrganisation", null);
        post("/api/v1/grids/" + grid + "/assignments", admin(), role, Map.of()).expect(201, "assign " + subject);
        return id;
    }

    /** A person with this login, grid worker (GRID_WORKER) at {@code node} by the registry. */
    public String registerWorker(String subject, String node) throws IOException {
        String id = post("/api/v1/people", admin(), Map.of("name", "演练网格员", "homeNodeId", node, "subject", subject),
                Map.of()).expect(201, "register " + subject).field("id");
        post("/api/v1/grids/" + node + "/assignments", admin(), Map.of("personId", id, "role", "GRID_WORKER"),
                Map.of()).expect(201, "assign " + subject);
        return id;
    }
}
