package cn.grid.system;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The walking skeleton end to end: a dev token from the gateway, a grid node created through the gateway, and
 * the node arriving — over the real broker, through grid-service's outbox — in the read models of both
 * request-service and study-service.
 */
class GridEventPathIT extends AgainstTheSuite {

    static String createDistrict(String token, String name) {
        return given().baseUri(suite.gateway()).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "level": "DISTRICT", "code": "%s"}""".formatted(name,
                        "D" + UUID.randomUUID().toString().substring(0, 8)))
                .when().post("/api/v1/grids")
                .then().statusCode(201).extract().path("id");
    }

    static void awaitKnownEverywhere(String token, String node, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
            given().baseUri(suite.gateway()).header("Authorization", "Bearer " + token)
                    .when().get("/api/v1/requests/grid-nodes/" + node).then().statusCode(200);
            given().baseUri(suite.gateway()).header("Authorization", "Bearer " + token)
                    .when().get("/api/v1/study/grid-nodes/" + node).then().statusCode(200);
        });
    }

    @Test
    void aNodeCreatedThroughTheGatewayReachesBothReadModels() {
        String admin = devToken("district-admin-1", List.of("district-admin"), null);
        // the first node also waits for the consumers' group assignment after start-up
        awaitKnownEverywhere(admin, createDistrict(admin, "沾益区"), Duration.ofSeconds(60));

        String node = createDistrict(admin, "兴隆台区");
        long start = System.nanoTime();
        // the latency is a figure to print (it is measured here, under whatever else the machine runs), not an
        // assertion: a loaded CI machine must not turn a working event path red
        awaitKnownEverywhere(admin, node, Duration.ofSeconds(30));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("grid.node.created visible in request-service and study-service after %d ms%n", millis);

        given().baseUri(suite.gateway()).header("Authorization", "Bearer " + admin)
                .when().get("/api/v1/study/grid-nodes/" + node)
                .then().statusCode(200).body("name", equalTo("兴隆台区")).body("path", equalTo("/" + node + "/"));
    }

    @Test
    void theGatewayRefusesMissingTokensAndServicesCheckScopeThemselves() {
        given().baseUri(suite.gateway()).when().get("/api/v1/grids/" + UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json");
        String admin = devToken("district-admin-2", List.of("district-admin"), null);
        String a = createDistrict(admin, "南沙区");
        String b = createDistrict(admin, "相山区");
        registryAssignment("Bearer " + admin, "worker-a", a, "GRID_WORKER");
        String workerOfA = devToken("worker-a", List.of("staff"), null);
        given().baseUri(suite.gateway()).header("Authorization", "Bearer " + workerOfA)
                .when().get("/api/v1/grids/" + a).then().statusCode(200);
        given().baseUri(suite.gateway()).header("Authorization", "Bearer " + workerOfA)
                .when().get("/api/v1/grids/" + b).then().statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("/forbidden"));
        // straight to the service, around the gateway: the service verifies the token itself
        given().baseUri("http://127.0.0.1:" + suite.port("grid-service"))
                .when().get("/api/v1/grids/" + a).then().statusCode(401);
    }

    @Test
    void aTicketAndASessionGoThroughTheGatewayToTheirServices() {
        String admin = devToken("district-admin-3", List.of("district-admin"), null);
        String district = createDistrict(admin, "桃源县");
        awaitKnownEverywhere(admin, district, Duration.ofSeconds(30));
        String citizen = devToken("citizen-1", List.of("citizen"), null);
        String ticket = given().baseUri(suite.gateway()).header("Authorization", "Bearer " + citizen)
                .contentType(ContentType.JSON)
                .body("""
                        {"type": "MICRO_WISH", "title": "想要一辆轮椅", "gridNodeId": "%s"}""".formatted(district))
                .when().post("/api/v1/requests")
                .then().statusCode(201).header("X-Request-Id", notNullValue()).extract().path("id");
        given().baseUri(suite.gateway()).header("Authorization", "Bearer " + citizen)
                .when().get("/api/v1/requests/" + ticket).then().statusCode(200).body("status", equalTo("SUBMITTED"));

        String session = given().baseUri(suite.gateway()).header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body("""
                        {"kind": "FILM_SCREENING", "title": "观看《建党伟业》", "gridNodeId": "%s",
                         "startsAt": "2026-11-20T19:30:00+08:00"}""".formatted(district))
                .when().post("/api/v1/study/sessions")
                .then().statusCode(201).extract().path("id");
        assertThat(session).isNotBlank();
    }
}
