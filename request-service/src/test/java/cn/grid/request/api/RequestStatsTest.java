package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Statistics of a subtree over a period: counts, rates and stage times, scope-checked. */
@QuarkusTest
class RequestStatsTest {

    @Test
    void countsRatesAndStageTimes() {
        UUID grid = UUID.randomUUID();
        TestGridEvents.nodeCreated(grid, null, "/" + grid + "/", "DISTRICT", "S", "春华镇");
        TestRegistry.assign("stats-worker-" + grid, grid, "/" + grid + "/", "GRID_WORKER");
        String worker = "Bearer " + TestJwt.token("stats-worker-" + grid, grid.toString(), Roles.STAFF);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", worker)
                .get("/api/v1/requests/grid-nodes/" + grid).then().statusCode(200));
        String citizen = "Bearer " + TestJwt.token("stats-citizen", null, Roles.CITIZEN);
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = given().header("Authorization", citizen).contentType(ContentType.JSON)
                    .body("{\"type\": \"SERVICE\", \"title\": \"办事 " + i + "\", \"gridNodeId\": \"" + grid + "\"}")
                    .post("/api/v1/requests").then().statusCode(201).extract().path("id");
        }
        // one done and rated satisfied, one rejected, one still open
        RequestLifecycleTest.move(worker, ids[0], "accept", null).statusCode(200);
        RequestLifecycleTest.move(worker, ids[0], "dispatch", "{\"targetType\": \"GRID\", \"targetId\": \"" + grid + "\"}")
                .statusCode(200);
        RequestLifecycleTest.move(worker, ids[0], "sign", null).statusCode(200);
        RequestLifecycleTest.move(worker, ids[0], "start", null).statusCode(200);
        RequestLifecycleTest.move(worker, ids[0], "resolve", "{\"outcome\": \"FIXED\"}").statusCode(200);
        RequestLifecycleTest.move(citizen, ids[0], "rate", "{\"rating\": 5}").statusCode(200);
        RequestLifecycleTest.move(worker, ids[1], "reject", "{\"reason\": \"重复\"}").statusCode(200);

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        given().header("Authorization", worker).queryParam("gridNodeId", grid.toString())
                .queryParam("from", today).queryParam("to", today)
                .get("/api/v1/requests/stats").then().statusCode(200)
                .body("submitted", equalTo(3))
                .body("resolved", equalTo(1))
                .body("rated", equalTo(1))
                .body("satisfied", equalTo(1))
                .body("resolutionRate", equalTo(0.5f))
                .body("satisfactionRate", equalTo(1.0f))
                .body("averageSeconds.toResolve", notNullValue())
                .body("groups.find { it.status == 'CLOSED' }.count", equalTo(1));
        given().header("Authorization", worker).queryParam("gridNodeId", grid.toString())
                .queryParam("from", "2020-01-01").queryParam("to", "2020-12-31")
                .get("/api/v1/requests/stats").then().statusCode(200).body("submitted", equalTo(0));
        given().header("Authorization", worker).queryParam("gridNodeId", grid.toString())
                .queryParam("from", today).queryParam("to", "2020-01-01")
                .get("/api/v1/requests/stats").then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().header("Authorization", worker).queryParam("gridNodeId", grid.toString())
                .get("/api/v1/requests/stats").then().statusCode(400);
        given().header("Authorization", "Bearer " + TestJwt.token("x", UUID.randomUUID().toString(), Roles.GRID_WORKER))
                .queryParam("gridNodeId", grid.toString()).queryParam("from", today).queryParam("to", today)
                .get("/api/v1/requests/stats").then().statusCode(403);
        given().header("Authorization", citizen).queryParam("gridNodeId", grid.toString())
                .queryParam("from", today).queryParam("to", today)
                .get("/api/v1/requests/stats").then().statusCode(403);
    }
}
