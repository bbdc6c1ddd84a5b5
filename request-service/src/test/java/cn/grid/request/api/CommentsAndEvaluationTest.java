package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static cn.grid.request.api.RequestLifecycleTest.move;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The citizen-visible timeline of comments, internal notes, and the grid worker's evaluation. */
@QuarkusTest
class CommentsAndEvaluationTest {

    @Test
    void commentsAndTheWorkersEvaluation() {
        UUID grid = UUID.randomUUID();
        TestGridEvents.nodeCreated(grid, null, "/" + grid + "/", "DISTRICT", "L", "漆河镇");
        TestRegistry.assign("eval-worker-" + grid, grid, "/" + grid + "/", "GRID_WORKER");
        String worker = "Bearer " + TestJwt.token("eval-worker-" + grid, grid.toString(), Roles.STAFF);
        String citizen = "Bearer " + TestJwt.token("eval-citizen", null, Roles.CITIZEN);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", worker)
                .get("/api/v1/requests/grid-nodes/" + grid).then().statusCode(200));
        String id = given().header("Authorization", citizen).contentType(ContentType.JSON)
                .body("{\"type\": \"PROBLEM_REPORT\", \"title\": \"路灯不亮\", \"gridNodeId\": \"" + grid + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");

        comment(citizen, id, "晚上很黑，请尽快", false).statusCode(201).body("visibleToCitizen", equalTo(true));
        comment(worker, id, "已联系电工", true).statusCode(201);
        comment(worker, id, "电工下周才有空（内部）", false).statusCode(201).body("visibleToCitizen", equalTo(false));
        comment("Bearer " + TestJwt.token("other", null, Roles.CITIZEN), id, "路过", true).statusCode(403);
        comment(worker, id, "", true).statusCode(400);

        given().header("Authorization", citizen).get("/api/v1/requests/" + id + "/timeline").then().statusCode(200)
                .body("comments.text", equalTo(List.of("晚上很黑，请尽快", "已联系电工")));
        given().header("Authorization", worker).get("/api/v1/requests/" + id + "/timeline").then().statusCode(200)
                .body("comments.size()", equalTo(3));

        move(worker, id, "evaluation", "{\"score\": 4}").statusCode(409);
        move(worker, id, "accept", null).statusCode(200);
        move(worker, id, "dispatch", "{\"targetType\": \"GRID\", \"targetId\": \"" + grid + "\"}").statusCode(200);
        move(worker, id, "sign", null).statusCode(200);
        move(worker, id, "start", null).statusCode(200);
        move(worker, id, "resolve", "{\"outcome\": \"FIXED\"}").statusCode(200);
        move(citizen, id, "evaluation", "{\"score\": 4}").statusCode(403);
        move(worker, id, "evaluation", "{\"score\": 7}").statusCode(400);
        move(worker, id, "evaluation", "{\"score\": 4, \"note\": \"修复及时\"}").statusCode(200)
                .body("workerEvaluation", equalTo(4)).body("status", equalTo("RESOLVED"));
    }

    private static io.restassured.response.ValidatableResponse comment(String token, String id, String text,
            boolean visible) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body("{\"text\": \"" + text + "\", \"visibleToCitizen\": " + visible + "}")
                .post("/api/v1/requests/" + id + "/comments").then();
    }
}
