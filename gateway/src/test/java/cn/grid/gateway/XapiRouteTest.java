package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The xAPI face (study-service's learning record store) is routed like /api, except that LRS clients' HTTP Basic
 * credentials (and calls without credentials) are passed on for study-service to check.
 */
@QuarkusTest
class XapiRouteTest {

    static final String BEARER = "Bearer " + TestJwt.token("member-1", null, Roles.PARTY_MEMBER);

    @Test
    void xapiGoesToStudyServiceWithTheTokenVersionHeaderAndQuery() {
        List<List<String>> table = List.of(
                List.of("/xapi/statements", "study"),
                List.of("/xapi/about", "study"),
                List.of("/xapi/activities/state", "study"));
        for (List<String> row : table) {
            given().header("Authorization", BEARER).header("X-Experience-API-Version", "1.0.3")
                    .when().get(row.get(0))
                    .then().statusCode(200)
                    .header("X-Upstream", row.get(1))
                    .header("X-Request-Id", notNullValue())
                    .body("path", equalTo(row.get(0)))
                    .body("headers.authorization", equalTo(List.of(BEARER)))
                    .body("headers.'x-experience-api-version'", equalTo(List.of("1.0.3")));
        }
        String agent = "%7B%22mbox%22%3A%22mailto%3Ali%40grid.example%22%7D";
        given().header("Authorization", BEARER).urlEncodingEnabled(false)
                .when().get("/xapi/statements?agent=" + agent + "&limit=2")
                .then().statusCode(200).body("query", equalTo("agent=" + agent + "&limit=2"));
        given().header("Authorization", BEARER).contentType(ContentType.JSON).body("[{}]")
                .queryParam("statementId", UUID.randomUUID().toString())
                .when().put("/xapi/statements")
                .then().statusCode(200).body("method", equalTo("PUT")).body("service", equalTo("study"));
    }

    @Test
    void aBearerTokenIsCheckedHereBasicCredentialsAndAnonymousCallsGoOnToStudyService() {
        given().header("Authorization", "Bearer not-a-jwt").when().get("/xapi/statements")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .header("X-Upstream", nullValue())
                .body("instance", equalTo("/xapi/statements"));
        // an LRS client's key:secret: study-service checks it (and answers 401 with its Basic challenge)
        String basic = "Basic bGVhcm5lcjpzZWNyZXQ=";
        given().header("Authorization", basic).header("X-Experience-API-Version", "1.0.3")
                .when().get("/xapi/statements")
                .then().statusCode(200).header("X-Upstream", "study")
                .body("headers.authorization", equalTo(List.of(basic)));
        given().header("X-Request-Id", "lrs-1").when().get("/xapi/about")
                .then().statusCode(200).header("X-Request-Id", "lrs-1").header("X-Upstream", "study");
        // two Authorization headers are refused whatever their schemes: the gateway and the service might read different ones
        given().header("Authorization", basic).header("Authorization", BEARER).when().get("/xapi/statements")
                .then().statusCode(400).header("X-Upstream", nullValue());
        // Basic is for /xapi only
        given().header("Authorization", basic).when().get("/api/v1/study/sessions")
                .then().statusCode(401).header("X-Upstream", nullValue());
        // a look-alike prefix is neither routed nor open
        given().header("Authorization", BEARER).when().get("/xapix/statements")
                .then().statusCode(404).header("X-Upstream", nullValue());
    }

    @Test
    void xapiMetricsAreOneSeriesPerResource() {
        given().header("Authorization", BEARER).when().get("/xapi/statements?statementId=" + UUID.randomUUID())
                .then().statusCode(200);
        given().header("Authorization", BEARER).when().get("/xapi/agents/profile").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("uri=\"/xapi/statements\""))
                .body(containsString("uri=\"/xapi/*\""))
                .body(not(containsString("uri=\"/xapi/agents/profile\"")));
    }
}
