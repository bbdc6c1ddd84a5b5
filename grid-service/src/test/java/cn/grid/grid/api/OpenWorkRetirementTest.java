package cn.grid.grid.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static cn.grid.grid.api.GridNodeResourceTest.district;
import static cn.grid.grid.api.GridTreeOperationsTest.child;
import static cn.grid.grid.api.GridTreeOperationsTest.etag;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** A node with open citizen tickets (known from request.events) cannot retire until they are closed. */
@QuarkusTest
class OpenWorkRetirementTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("admin-1", null, Roles.DISTRICT_ADMIN);

    static io.restassured.response.ValidatableResponse retire(String node) {
        return given().header("Authorization", ADMIN).header("If-Match", etag(node)).contentType(ContentType.JSON)
                .body("{}").when().post("/api/v1/grids/" + node + "/retire").then();
    }

    @Test
    void openTicketsKeepANodeFromRetiringUntilTheyClose() {
        String other = child(district(), "STREET", "S", "其他街道");
        String node = child(district(), "STREET", "S", "欢喜岭街道");
        UUID ticket = UUID.randomUUID();
        TestGridEvents.publish("request.events", "request.submitted.v1", ticket, Map.of(
                "requestId", ticket.toString(), "gridNodeId", node));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> retire(node).statusCode(409)
                .body("detail", containsString("open request ticket")));

        // dispatched to another grid: the work moved there
        TestGridEvents.publish("request.events", "request.dispatched.v1", ticket, Map.of(
                "requestId", ticket.toString(), "gridNodeId", other, "toStatus", "DISPATCHED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> retire(other).statusCode(409));
        retire(node).statusCode(200);

        TestGridEvents.publish("request.events", "request.rated.v1", ticket, Map.of(
                "requestId", ticket.toString(), "gridNodeId", other, "toStatus", "CLOSED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> retire(other).statusCode(200));
    }
}
