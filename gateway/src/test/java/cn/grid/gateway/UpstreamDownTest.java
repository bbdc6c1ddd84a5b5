package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.JwtTestResource;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** request-service's port is closed: its routes are 502, everything else keeps working. */
@QuarkusTest
@TestProfile(UpstreamDownTest.RequestServiceDown.class)
class UpstreamDownTest {

    static final String BEARER = "Bearer " + TestJwt.token("worker-1", null, Roles.GRID_WORKER);

    public static class RequestServiceDown implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(JwtTestResource.class),
                    new TestResourceEntry(FakeUpstreams.class, Map.of("down", "request")));
        }
    }

    @Test
    void aClosedPortIsA502NamingTheService() {
        given().header("Authorization", BEARER)
                .when().get("/api/v1/requests/r-1")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("https://grid-suite.cn/problems/bad-gateway"))
                .body("title", equalTo("Upstream service unavailable"))
                .body("status", equalTo(502))
                .body("detail", equalTo("request-service is unavailable"))
                .body("instance", equalTo("/api/v1/requests/r-1"));
        // with a body the caller had started to send, too
        given().header("Authorization", BEARER).body("x".repeat(100_000))
                .when().post("/api/v1/requests")
                .then().statusCode(502);
    }

    @Test
    void onOpen311The502IsInOpen311sFormat() {
        given().when().get("/open311/v2/services.json")
                .then().statusCode(502)
                .contentType("application/json")
                .body("[0].code", equalTo(502))
                .body("[0].description", equalTo("request-service is unavailable"));
    }

    @Test
    void theDashboardIsPartialAndNamesTheMissingService() {
        given().header("Authorization", BEARER)
                .when().get("/api/v1/dashboard/grids/" + java.util.UUID.randomUUID())
                .then().statusCode(200)
                .body("partial", equalTo(true))
                .body("node.service", equalTo("grid"))
                .body("study.service", equalTo("study"))
                .body("requests", equalTo(null))
                .body("missing.size()", equalTo(1))
                .body("missing[0].part", equalTo("requests"))
                .body("missing[0].service", equalTo("request-service"))
                .body("missing[0].status", equalTo(502))
                .body("missing[0].detail", equalTo("request-service is unavailable"));
    }

    @Test
    void theOtherServicesAndTheGatewaysReadinessAreUnaffected() {
        given().header("Authorization", BEARER).when().get("/api/v1/grids/g-1")
                .then().statusCode(200).body("service", equalTo("grid"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/well").then().statusCode(503)
                .body("checks[0].name", equalTo("upstreams"))
                .body("checks[0].status", equalTo("DOWN"))
                .body("checks[0].data.'grid-service'", equalTo("UP"))
                .body("checks[0].data.'request-service'", startsWith("DOWN"));
    }
}
