package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Open311 GeoReport v2 goes to request-service. Integrators authenticate with an api_key the service checks,
 * so here — unlike /api — a bearer token is optional; one that is sent must still be valid.
 */
@QuarkusTest
class Open311RouteTest {

    @Test
    void withoutATokenOpen311PassesThroughToRequestService() {
        given().queryParam("api_key", "k-1").when().get("/open311/v2/requests.json")
                .then().statusCode(200)
                .header("X-Upstream", "request")
                .header("X-Request-Id", notNullValue())
                .body("path", equalTo("/open311/v2/requests.json"))
                .body("query", equalTo("api_key=k-1"))
                .body("headers.authorization", nullValue());
        given().contentType("application/x-www-form-urlencoded").formParam("service_code", "water-pipe")
                .when().post("/open311/v2/requests.json")
                .then().statusCode(200).body("service", equalTo("request")).body("method", equalTo("POST"));
        given().when().get("/open311/v2/services/water-pipe.json")
                .then().statusCode(200).body("path", equalTo("/open311/v2/services/water-pipe.json"));
    }

    @Test
    void aValidTokenIsForwardedUnchanged() {
        String token = "Bearer " + TestJwt.token("citizen-1", null, Roles.CITIZEN);
        given().header("Authorization", token).when().get("/open311/v2/requests.json")
                .then().statusCode(200).body("service", equalTo("request"))
                .body("headers.authorization", equalTo(List.of(token)));
    }

    @Test
    void aTokenThatIsSentMustBeValid() {
        for (String header : List.of("Bearer not-a-jwt", "Basic Y2l0aXplbjpzZWNyZXQ=", "Bearer ")) {
            given().header("Authorization", header).when().get("/open311/v2/requests.json")
                    .then().statusCode(401)
                    .contentType("application/json")
                    .header("WWW-Authenticate", "Bearer")
                    .header("X-Upstream", nullValue())
                    .body("size()", equalTo(1))
                    .body("[0].code", equalTo(401))
                    .body("[0].description", containsString("bearer token"));
        }
    }

    @Test
    void theGatewaysOwnErrorsOnOpen311AreInOpen311sFormat() {
        // Open311 clients read [{"code", "description"}], as request-service's Open311 face answers
        given().contentType("application/x-www-form-urlencoded").body("x".repeat(300 * 1024))
                .when().post("/open311/v2/requests.json")
                .then().statusCode(413).contentType("application/json")
                .header("X-Upstream", nullValue())
                .body("[0].code", equalTo(413))
                .body("[0].description", containsString("larger than"));
        String token = "Bearer " + TestJwt.token("citizen-1", null, Roles.CITIZEN);
        given().header("Authorization", token).header("Authorization", token)
                .when().get("/open311/v2/services.json")
                .then().statusCode(400).contentType("application/json")
                .body("[0].code", equalTo(400))
                .body("[0].description", equalTo("send one Authorization header, not 2"));
        // a dot segment that leaves /open311 leaves its format too, and /api/v1/open311 is problem+json
        given().when().get("/open311/../api/v1/requests").then().statusCode(401)
                .contentType("application/problem+json");
        given().when().get("/api/v1/open311/keys").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theKeyManagementApiIsRequestServicesAndNeedsAToken() {
        given().when().get("/api/v1/open311/keys").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestJwt.token("admin-1", null, Roles.DISTRICT_ADMIN))
                .when().get("/api/v1/open311/keys")
                .then().statusCode(200).body("service", equalTo("request")).body("path", equalTo("/api/v1/open311/keys"));
    }

    @Test
    void onlyTheOpen311PrefixIsOpen() {
        // a look-alike prefix is not Open311: neither routed nor let through without a token
        given().when().get("/open311x/v2/requests.json").then().statusCode(404).header("X-Upstream", nullValue());
        given().when().get("/api/v1/requests").then().statusCode(401);
    }

    @Test
    void open311MetricsAreTaggedByRouteNotByTicket() {
        given().when().get("/open311/v2/requests/0190f3a2-0000-7000-8000-000000000001.json").then().statusCode(200);
        given().when().get("/open311/v2/services.json").then().statusCode(200);
        given().when().get("/open311/some/odd/path").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("uri=\"/open311/v2/requests/*\""))
                .body(containsString("uri=\"/open311/v2/services.json\""))
                .body(containsString("uri=\"/open311/*\""))
                .body(not(containsString("0190f3a2-0000-7000-8000-000000000001")))
                .body(not(containsString("uri=\"/open311/some/odd/path\"")));
    }
}
