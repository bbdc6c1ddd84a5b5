package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.Races;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17's races in request-service: one ticket moved many times at once with the same If-Match. One move wins;
 * every other one sent a version that is no longer current, so it gets the 412 a stale If-Match gets (a lost
 * optimistic lock answered 409 before, as if the client had sent no version at all).
 */
@QuarkusTest
class ParallelRacesTest {

    private static final int PARALLEL = 24;

    @Test
    void parallelMovesOfOneTicketWithTheSameIfMatchHaveOneWinnerAndTheRestGet412() throws Exception {
        UUID district = UUID.randomUUID();
        UUID grid = UUID.randomUUID();
        TestGridEvents.nodeCreated(district, null, "/" + district + "/", "DISTRICT", "R", "竞态区");
        TestGridEvents.nodeCreated(grid, district, "/" + district + "/" + grid + "/", "STREET", "RS", "竞态街道");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .header("Authorization", "Bearer " + TestJwt.token("svc", null, Roles.SERVICE))
                .get("/api/v1/requests/grid-nodes/" + grid).then().statusCode(200));
        String citizen = "Bearer " + TestJwt.token("race-citizen", null, Roles.CITIZEN);
        String ticket = given().header("Authorization", citizen).contentType(ContentType.JSON)
                .body("{\"type\": \"DISPUTE\", \"title\": \"楼道堆物\", \"gridNodeId\": \"" + grid + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
        TestRegistry.assign("race-worker-" + grid, grid, "/" + district + "/" + grid + "/", "GRID_WORKER");
        String worker = "Bearer " + TestJwt.token("race-worker-" + grid, grid.toString(), Roles.STAFF);

        List<ExtractableResponse<Response>> answers = Races.race(PARALLEL, i -> given().header("Authorization", worker)
                .header("If-Match", "\"0\"").post("/api/v1/requests/" + ticket + "/accept").then().extract());

        Races.assertOneWinner(answers, 200, 412);
    }
}
