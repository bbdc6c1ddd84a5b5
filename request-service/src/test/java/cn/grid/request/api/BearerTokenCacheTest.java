package cn.grid.request.api;

import cn.grid.platform.security.CachingJwtParser;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The service remembers the tokens it verified (platform CachingJwtParser), and a remembered token stays exact. */
@QuarkusTest
class BearerTokenCacheTest {

    @Inject
    JWTParser parser;

    @Test
    void theJwtMechanismVerifiesThroughTheCache() {
        assertThat(ClientProxy.unwrap(parser)).isInstanceOf(CachingJwtParser.class);
    }

    @Test
    void aRememberedTokenStillAnswersAndAnAlteredOneIsRefused() {
        String token = TestJwt.token("cache-citizen", null, Roles.CITIZEN);
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/requests")
                    .then().statusCode(200);
        }
        // the same claims with a broken signature: not the remembered text, so verified, and refused
        String altered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().header("Authorization", "Bearer " + altered).when().get("/api/v1/requests")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anExpiredTokenIsRefusedEvenRightAfterItsTwinWasAccepted() {
        given().header("Authorization", "Bearer " + TestJwt.token("cache-citizen-2", null, Roles.CITIZEN))
                .when().get("/api/v1/requests").then().statusCode(200);
        String expired = TestJwt.claims("cache-citizen-2", null, Roles.CITIZEN)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .sign(TestJwt.keys().getPrivate());
        given().header("Authorization", "Bearer " + expired).when().get("/api/v1/requests")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
