package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Micro-wishes claimed from the board (exactly one winner), and tickets routed by where they are. */
@QuarkusTest
class MicroWishAndRoutingTest {

    private static final int CLAIMERS = 12;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void ofManyParallelClaimsExactlyOneWins() throws Exception {
        UUID district = UUID.randomUUID();
        UUID grid = UUID.randomUUID();
        String gridPath = "/" + district + "/" + grid + "/";
        TestGridEvents.nodeCreated(district, null, "/" + district + "/", "DISTRICT", "D", "相山区");
        TestGridEvents.nodeCreated(grid, district, gridPath, "STREET", "Q", "三堤口街道");
        String prefix = "wish-member-" + UUID.randomUUID() + "-";
        for (int i = 0; i < CLAIMERS; i++) {
            UUID assignment = UUID.randomUUID();
            // registered above the wish's grid counts too: half of them at the district
            String at = i % 2 == 0 ? gridPath : "/" + district + "/";
            TestGridEvents.publish("grid.party-member.registered.v1", assignment, Map.of("assignmentId",
                    assignment.toString(), "subject", prefix + i, "nodeId", i % 2 == 0 ? grid.toString()
                            : district.toString(), "nodePath", at, "startDate", "2021-01-01"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> registered(prefix) == CLAIMERS);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .header("Authorization", "Bearer " + TestJwt.token("svc", null, Roles.SERVICE))
                .get("/api/v1/requests/grid-nodes/" + grid).then().statusCode(200));

        String citizen = "Bearer " + TestJwt.token("wish-citizen", null, Roles.CITIZEN);
        String workerLogin = "w-" + grid;
        TestRegistry.assign(workerLogin, grid, gridPath, "GRID_WORKER");
        String wish = given().header("Authorization", citizen).contentType(ContentType.JSON)
                .body("{\"type\": \"MICRO_WISH\", \"title\": \"想要一辆轮椅\", \"gridNodeId\": \"" + grid + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
        given().header("Authorization", "Bearer " + TestJwt.token(workerLogin, grid.toString(), Roles.STAFF))
                .header("If-Match", "\"0\"").post("/api/v1/requests/" + wish + "/accept").then().statusCode(200);
        given().header("Authorization", "Bearer " + TestJwt.token("stranger", grid.toString(), Roles.PARTY_MEMBER))
                .post("/api/v1/requests/" + wish + "/claim").then().statusCode(403);
        // on the board of a member registered above the wish's grid; not on a stranger's
        String aboveIt = "Bearer " + TestJwt.token(prefix + 1, null, Roles.PARTY_MEMBER);
        given().header("Authorization", aboveIt).get("/api/v1/requests/micro-wishes").then().statusCode(200)
                .body("items.id", equalTo(List.of(wish)));
        // a login the registry registers nowhere is no party member, whatever its token claims: no board at all
        given().header("Authorization", "Bearer " + TestJwt.token("stranger", grid.toString(), Roles.PARTY_MEMBER))
                .get("/api/v1/requests/micro-wishes").then().statusCode(403);

        ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> claims = new ArrayList<>();
            for (int i = 0; i < CLAIMERS; i++) {
                String token = "Bearer " + TestJwt.token(prefix + i, grid.toString(), Roles.PARTY_MEMBER);
                claims.add(() -> given().header("Authorization", token).post("/api/v1/requests/" + wish + "/claim")
                        .then().extract().statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(claims)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 409);
        given().header("Authorization", citizen).get("/api/v1/requests/" + wish).then().statusCode(200)
                .body("status", equalTo("SIGNED"));

        String notAWish = given().header("Authorization", citizen).contentType(ContentType.JSON)
                .body("{\"type\": \"DISPUTE\", \"title\": \"邻里纠纷\", \"gridNodeId\": \"" + grid + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
        given().header("Authorization", "Bearer " + TestJwt.token(workerLogin, grid.toString(), Roles.STAFF))
                .header("If-Match", "\"0\"").post("/api/v1/requests/" + notAWish + "/accept").then().statusCode(200);
        given().header("Authorization", "Bearer " + TestJwt.token(prefix + 0, grid.toString(), Roles.PARTY_MEMBER))
                .post("/api/v1/requests/" + notAWish + "/claim").then().statusCode(409);
        // claimed: off the board
        given().header("Authorization", aboveIt).get("/api/v1/requests/micro-wishes").then().statusCode(200)
                .body("items", equalTo(List.of()));
    }

    @Test
    void aLocationIsRoutedToTheDeepestKnownGridWithoutAskingGridService() {
        UUID street = UUID.randomUUID();
        TestGridEvents.nodeCreated(street, null, "/" + street + "/", "DISTRICT", "R", "榄核镇");
        TestGridEvents.publish("grid.boundary.changed.v1", street, Map.of("nodeId", street.toString(),
                "nodePath", "/" + street + "/", "geometry", Map.of("type", "Polygon", "coordinates",
                        List.of(List.of(List.of(-30, -30), List.of(-29, -30), List.of(-29, -29), List.of(-30, -29),
                                List.of(-30, -30)))), "bbox", List.of(-30, -30, -29, -29)));
        String citizen = "Bearer " + TestJwt.token("route-citizen", null, Roles.CITIZEN);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", citizen)
                .contentType(ContentType.JSON)
                .body("{\"type\": \"PROBLEM_REPORT\", \"title\": \"水管爆裂\", \"location\": {\"lat\": -29.5, \"lon\": -29.5}}")
                .post("/api/v1/requests").then().statusCode(201).body("gridNodeId", equalTo(street.toString())));
        given().header("Authorization", citizen).contentType(ContentType.JSON)
                .body("{\"type\": \"PROBLEM_REPORT\", \"title\": \"远方\", \"location\": {\"lat\": 60, \"lon\": 60}}")
                .post("/api/v1/requests").then().statusCode(201).body("gridNodeId", nullValue());
    }

    private int registered(String subjectPrefix) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from grid_assignment_view where subject like ?")) {
            s.setString(1, subjectPrefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
