package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Tight limits on two routes; the default ones (generous in %test) elsewhere. */
@QuarkusTest
@TestProfile(RateLimitTest.TightLimits.class)
class RateLimitTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gateway.rate-limits.routes.\"/api/v1/study\".per-subject", "3/1H",
                    "gateway.rate-limits.routes.\"/open311\".per-address", "2/1H");
        }
    }

    static String bearer(String subject) {
        return "Bearer " + TestJwt.token(subject, null, Roles.PARTY_MEMBER);
    }

    @Test
    void aSubjectOverItsRoutesLimitGets429WithRetryAfterAndRateLimitHeaders() {
        String first = bearer("limited-1");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", first).when().get("/api/v1/study/sessions")
                    .then().statusCode(200);
        }
        given().header("Authorization", first).when().get("/api/v1/study/sessions")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("https://grid-suite.cn/problems/too-many-requests"))
                .body("status", equalTo(429))
                .body("detail", containsString("/api/v1/study"))
                .header("Retry-After", notNullValue())
                .header("RateLimit-Limit", "3")
                .header("RateLimit-Remaining", "0")
                .header("RateLimit-Reset", notNullValue())
                .header("X-Request-Id", notNullValue());
        String retryAfter = given().header("Authorization", first).when().get("/api/v1/study/sessions")
                .then().statusCode(429).extract().header("Retry-After");
        // one token of 3/1H comes back every 20 minutes
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 1200L);

        // another subject has its own bucket; the same subject on another route uses the (generous) default
        given().header("Authorization", bearer("limited-2")).when().get("/api/v1/study/sessions")
                .then().statusCode(200);
        given().header("Authorization", first).when().get("/api/v1/grids/g-1")
                .then().statusCode(200);
    }

    @Test
    void anAddressIsLimitedWithoutAToken() {
        for (int i = 0; i < 2; i++) {
            given().when().get("/open311/v2/services.json").then().statusCode(200);
        }
        given().when().get("/open311/v2/services.json")
                .then().statusCode(429)
                // on /open311 in Open311's error format (Open311RouteTest)
                .contentType("application/json")
                .body("[0].code", org.hamcrest.Matchers.equalTo(429))
                .body("[0].description", containsString("per address"))
                .header("RateLimit-Limit", "2");
        // counted before the token is looked at: a bad token does not get past the limit either
        given().header("Authorization", "Bearer nonsense").when().get("/open311/v2/services.json")
                .then().statusCode(429);
    }

    @Test
    void metricsShowLatencyBucketsPerRouteAnd429Counts() {
        String subject = bearer("limited-metrics");
        for (int i = 0; i < 4; i++) {
            given().header("Authorization", subject).when().get("/api/v1/study/sessions");
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/study/\\*\"[^}]*} ");
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*status=\"429\"[^}]*uri=\"/api/v1/study/\\*\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("gateway_rate_limited_total\\{per=\"subject\",route=\"/api/v1/study\"} [1-9]");
        assertThat(metrics).containsPattern(
                "gateway_upstream_requests_seconds_bucket\\{[^}]*outcome=\"SUCCESS\",service=\"study-service\",status=\"200\"");
        assertThat(metrics).contains("le=\"0.1\"");
    }
}
