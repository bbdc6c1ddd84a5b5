package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class AuthTest {

    @Test
    void aValidTokenPasses() {
        given().header("Authorization", "Bearer " + TestJwt.token("citizen-1", null, Roles.CITIZEN))
                .when().get("/api/v1/requests")
                .then().statusCode(200).body("service", equalTo("request"));
        // the scheme is case-insensitive (RFC 9110 §11.1)
        given().header("Authorization", "bearer " + TestJwt.token("citizen-1", null, Roles.CITIZEN))
                .when().get("/api/v1/requests")
                .then().statusCode(200);
    }

    @Test
    void noTokenIs401() {
        refused(given(), "a bearer token is required");
        refused(given().header("Authorization", "Basic Y2l0aXplbjpzZWNyZXQ="), "a bearer token is required");
        refused(given().header("Authorization", "Bearer "), "a bearer token is required");
    }

    @Test
    void aGarbageTokenIs401() {
        refused(bearer("not-a-jwt"), "the bearer token is invalid or expired");
        refused(bearer("a.b.c"), "the bearer token is invalid or expired");
    }

    @Test
    void anExpiredTokenIs401() {
        long now = Instant.now().getEpochSecond();
        // well past the 30 s clock skew allowed
        String expired = TestJwt.claims("worker-1", null, Roles.GRID_WORKER)
                .issuedAt(now - 3600).expiresAt(now - 120).sign(TestJwt.keys().getPrivate());
        refused(bearer(expired), "the bearer token is invalid or expired");
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = TestJwt.claims("admin-1", null, Roles.DISTRICT_ADMIN).sign(generator.generateKeyPair().getPrivate());
        refused(bearer(forged), "the bearer token is invalid or expired");
    }

    @Test
    void anUnsignedTokenIs401() {
        long now = Instant.now().getEpochSecond();
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = base64Url("{\"iss\":\"" + TestJwt.ISSUER + "\",\"aud\":\"" + TestJwt.AUDIENCE + "\","
                + "\"sub\":\"admin-1\",\"upn\":\"admin-1\",\"groups\":[\"district-admin\"],"
                + "\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        refused(bearer(header + "." + claims + "."), "the bearer token is invalid or expired");
    }

    @Test
    void aTokenFromAnotherIssuerOrForAnotherAudienceIs401() {
        String otherIssuer = TestJwt.claims("admin-1", null, Roles.DISTRICT_ADMIN)
                .issuer("https://evil.example").sign(TestJwt.keys().getPrivate());
        refused(bearer(otherIssuer), "the bearer token is invalid or expired");
        String otherAudience = TestJwt.claims("admin-1", null, Roles.DISTRICT_ADMIN)
                .audience("another-suite").sign(TestJwt.keys().getPrivate());
        refused(bearer(otherAudience), "the bearer token is invalid or expired");
    }

    @Test
    void twoAuthorizationHeadersAreABadRequest() {
        // the gateway and a service might each read a different one of the two: the request itself is refused
        String token = TestJwt.token("citizen-1", null, Roles.CITIZEN);
        for (String second : List.of("Bearer " + token, "Bearer other", "Basic Y2l0aXplbjpzZWNyZXQ=")) {
            given().header("Authorization", "Bearer " + token).header("Authorization", second)
                    .when().get("/api/v1/grids/g-1")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .header("X-Upstream", org.hamcrest.Matchers.nullValue())
                    .body("type", equalTo("https://grid-suite.cn/problems/bad-request"))
                    .body("detail", equalTo("send one Authorization header, not 2"))
                    .body("instance", equalTo("/api/v1/grids/g-1"));
        }
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static void refused(RequestSpecification request, String detail) {
        request.when().get("/api/v1/grids/g-1")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://grid-suite.cn/problems/unauthorized"))
                .body("title", equalTo("Authentication required"))
                .body("status", equalTo(401))
                .body("detail", equalTo(detail))
                .body("instance", equalTo("/api/v1/grids/g-1"));
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
