package cn.grid.request;

import cn.grid.platform.security.Roles;
import cn.grid.readmodel.grid.GridBoundaryViews;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** grid.events → grid_node_view, on the real broker, from the producer's checked-in example event (contract). */
@QuarkusTest
class GridNodeReadModelTest {

    private static final String SERVICE = "Bearer " + TestJwt.token("svc", null, Roles.SERVICE);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theProducersExampleEventIsUnderstood() {
        String example = TestGridEvents.example("grid.node.created.v1");
        TestGridEvents.send("0193f0a4-5e20-7d11-8a2b-3c4d5e6f7a8b", example);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", SERVICE)
                        .when().get("/api/v1/requests/grid-nodes/0193f0a4-5e20-7d11-8a2b-3c4d5e6f7a8b")
                        .then().statusCode(200)
                        .body("name", equalTo("盘江镇"))
                        .body("level", equalTo("STREET"))
                        .body("parentId", equalTo("0193f0a4-5e1f-7aa0-9c0d-1e2f3a4b5c6d")));
    }

    @Test
    void aRedeliveredEventHasNoSecondEffectAndAPoisonEventDoesNotStopConsumption() throws Exception {
        UUID first = UUID.randomUUID();
        String eventId = TestGridEvents.nodeCreated(first, null, "/" + first + "/", "DISTRICT", "D1", "沾益区");
        awaitKnown(first);

        // the same event again (a redelivery), then garbage, then a new node
        String redelivered = TestGridEvents.example("grid.node.created.v1")
                .replaceFirst("\"id\": \"[^\"]+\"", "\"id\": \"" + eventId + "\"")
                .replaceFirst("\"nodeId\": \"[^\"]+\"", "\"nodeId\": \"" + first + "\"")
                .replaceFirst("\"path\": \"[^\"]+\"", "\"path\": \"/" + first + "/\"")
                .replaceFirst("\"name\": \"[^\"]+\"", "\"name\": \"renamed by a replay\"");
        TestGridEvents.send(first.toString(), redelivered);
        TestGridEvents.send("x", "{\"this is\": \"not a cloud event\"");
        UUID second = UUID.randomUUID();
        TestGridEvents.nodeCreated(second, first, "/" + first + "/" + second + "/", "STREET", "S1", "龙华街道");
        awaitKnown(second);

        given().header("Authorization", SERVICE).when().get("/api/v1/requests/grid-nodes/" + first)
                .then().statusCode(200).body("name", equalTo("沾益区"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select count(*) from processed_event where event_id = ?::uuid")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void updatesMovesAndRetirementsReachTheReadModelAndTheTickets() throws Exception {
        UUID district = UUID.randomUUID();
        UUID streetA = UUID.randomUUID();
        UUID streetB = UUID.randomUUID();
        UUID community = UUID.randomUUID();
        String pathA = "/" + district + "/" + streetA + "/";
        TestGridEvents.nodeCreated(district, null, "/" + district + "/", "DISTRICT", "D", "南沙区");
        TestGridEvents.nodeCreated(streetA, district, pathA, "STREET", "A", "东涌镇");
        TestGridEvents.nodeCreated(streetB, district, "/" + district + "/" + streetB + "/", "STREET", "B", "榄核镇");
        TestGridEvents.nodeCreated(community, streetA, pathA + community + "/", "COMMUNITY", "C", "牛角村");
        awaitKnown(community);
        String ticket = given().header("Authorization", "Bearer " + TestJwt.token("c1", null, Roles.CITIZEN))
                .contentType("application/json")
                .body("{\"type\": \"DISPUTE\", \"title\": \"邻里纠纷\", \"gridNodeId\": \"" + community + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");

        TestGridEvents.publish("grid.node.updated.v1", community, Map.of("nodeId", community.toString(),
                "path", pathA + community + "/", "level", "COMMUNITY", "code", "C", "name", "牛角村委会"));
        String newPath = "/" + district + "/" + streetB + "/" + community + "/";
        TestGridEvents.publish("grid.node.moved.v1", community, Map.of("nodeId", community.toString(),
                "oldParentId", streetA.toString(), "newParentId", streetB.toString(),
                "oldPath", pathA + community + "/", "newPath", newPath, "level", "COMMUNITY"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SERVICE)
                .get("/api/v1/requests/grid-nodes/" + community).then().statusCode(200)
                .body("path", equalTo(newPath)).body("parentId", equalTo(streetB.toString()))
                .body("name", equalTo("牛角村委会")));
        // the ticket moved with its grid: staff of the new street see it, staff of the old one no longer do
        TestRegistry.assign("w-b-" + streetB, streetB, "/" + district + "/" + streetB + "/", "GRID_WORKER");
        TestRegistry.assign("w-a-" + streetA, streetA, pathA, "GRID_WORKER");
        given().header("Authorization", "Bearer " + TestJwt.token("w-b-" + streetB, null, Roles.STAFF))
                .get("/api/v1/requests/" + ticket).then().statusCode(200);
        given().header("Authorization", "Bearer " + TestJwt.token("w-a-" + streetA, null, Roles.STAFF))
                .get("/api/v1/requests/" + ticket).then().statusCode(403);

        TestGridEvents.publish("grid.node.retired.v1", community, Map.of("nodeId", community.toString(),
                "path", newPath, "reason", "撤并"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SERVICE)
                .get("/api/v1/requests/grid-nodes/" + community).then().statusCode(200)
                .body("status", equalTo("RETIRED")));
        given().header("Authorization", "Bearer " + TestJwt.token("c1", null, Roles.CITIZEN))
                .contentType("application/json")
                .body("{\"type\": \"DISPUTE\", \"title\": \"又一起\", \"gridNodeId\": \"" + community + "\"}")
                .post("/api/v1/requests").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void assignmentsAndPartyMemberRegistrationsReachTheAssignmentReadModel() throws Exception {
        UUID node = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        TestGridEvents.publish("grid.party-member.registered.v1", assignment, Map.of(
                "assignmentId", assignment.toString(), "nodeId", node.toString(), "nodePath", "/" + node + "/"));
        await().atMost(Duration.ofSeconds(20)).until(() -> endDateOf(assignment) != null);
        assertThat(endDateOf(assignment)).isEqualTo("open");
        TestGridEvents.publish("grid.party-member.unregistered.v1", assignment, Map.of(
                "assignmentId", assignment.toString(), "nodeId", node.toString(), "endDate", "2026-11-30"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "2026-11-30".equals(endDateOf(assignment)));

        UUID worker = UUID.randomUUID();
        TestGridEvents.publish("grid.assignment.started.v1", worker, Map.of("assignmentId", worker.toString(),
                "nodeId", node.toString(), "nodePath", "/" + node + "/", "role", "GRID_WORKER"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "open".equals(endDateOf(worker)));
        TestGridEvents.publish("grid.assignment.ended.v1", worker, Map.of("assignmentId", worker.toString(),
                "nodeId", node.toString(), "endDate", "2026-12-31"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "2026-12-31".equals(endDateOf(worker)));
    }

    @Test
    void boundariesLetTheServiceLocateWithoutAskingGridService() {
        UUID outer = UUID.randomUUID();
        UUID inner = UUID.randomUUID();
        TestGridEvents.nodeCreated(outer, null, "/" + outer + "/", "DISTRICT", "O", "外");
        TestGridEvents.nodeCreated(inner, outer, "/" + outer + "/" + inner + "/", "STREET", "I", "内");
        TestGridEvents.publish("grid.boundary.changed.v1", outer, Map.of("nodeId", outer.toString(),
                "nodePath", "/" + outer + "/", "geometry", Map.of("type", "Polygon", "coordinates",
                        List.of(List.of(List.of(-50, -50), List.of(-40, -50), List.of(-40, -40), List.of(-50, -40),
                                List.of(-50, -50)))), "bbox", List.of(-50, -50, -40, -40)));
        TestGridEvents.publish("grid.boundary.changed.v1", inner, Map.of("nodeId", inner.toString(),
                "nodePath", "/" + outer + "/" + inner + "/", "geometry", Map.of("type", "Polygon", "coordinates",
                        List.of(List.of(List.of(-50, -50), List.of(-45, -50), List.of(-45, -45), List.of(-50, -45),
                                List.of(-50, -50)))), "bbox", List.of(-50, -50, -45, -45)));
        await().atMost(Duration.ofSeconds(20)).until(() -> locate(-46, -46).filter(inner::equals).isPresent());
        assertThat(locate(-42, -42)).contains(outer);
        assertThat(locate(10, 10)).isEmpty();
    }

    private java.util.Optional<UUID> locate(double lat, double lon) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> boundaries.locate(lat, lon));
    }

    @Inject
    GridBoundaryViews boundaries;

    /** null: not known; "open": known without an end; else the end date. */
    private String endDateOf(UUID assignment) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select coalesce(end_date::text, 'open') from grid_assignment_view where assignment_id = ?")) {
            s.setObject(1, assignment);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void unknownNodesAre404AndScopeApplies() {
        given().header("Authorization", SERVICE).when().get("/api/v1/requests/grid-nodes/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        TestGridEvents.nodeCreated(a, null, "/" + a + "/", "DISTRICT", "A", "A 区");
        TestGridEvents.nodeCreated(b, null, "/" + b + "/", "DISTRICT", "B", "B 区");
        awaitKnown(a);
        awaitKnown(b);
        TestRegistry.assign("w-" + a, a, "/" + a + "/", "GRID_WORKER");
        String workerOfA = "Bearer " + TestJwt.token("w-" + a, null, Roles.STAFF);
        given().header("Authorization", workerOfA).when().get("/api/v1/requests/grid-nodes/" + a)
                .then().statusCode(200);
        given().header("Authorization", workerOfA).when().get("/api/v1/requests/grid-nodes/" + b)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Inject
    cn.grid.readmodel.grid.GridNodeViews nodes;

    @Test
    void aNodeIsALeafUntilANodeIsKnownBelowIt() {
        UUID top = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        TestGridEvents.nodeCreated(top, null, "/" + top + "/", "DISTRICT", "L", "叶子区");
        awaitKnown(top);
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> nodes.isLeaf(nodes.find(top).orElseThrow()))).isTrue();
        TestGridEvents.nodeCreated(child, top, "/" + top + "/" + child + "/", "STREET", "L1", "叶子街道");
        awaitKnown(child);
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> nodes.isLeaf(nodes.find(top).orElseThrow()))).isFalse();
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> nodes.isLeaf(nodes.find(child).orElseThrow()))).isTrue();
    }

    static void awaitKnown(UUID node) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", SERVICE).when().get("/api/v1/requests/grid-nodes/" + node)
                        .then().statusCode(200));
    }
}
