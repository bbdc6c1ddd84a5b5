package cn.grid.gateway;

import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class DevTokenTest {

    @Test
    void issuesATokenTheGatewayAccepts() {
        String token = given().contentType(ContentType.JSON)
                .body("""
                        {"subject": "lihua", "roles": ["district-admin", "party-member"], "gridScope": "node-42"}""")
                .when().post("/auth/dev-token")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .extract().path("token");

        JsonPath header = part(token, 0);
        assertThat(header.getString("alg")).isEqualTo("RS256");
        JsonPath claims = part(token, 1);
        assertThat(claims.getString("iss")).isEqualTo(TestJwt.ISSUER);
        assertThat(claims.getString("aud")).isEqualTo("grid-suite");
        assertThat(claims.getString("sub")).isEqualTo("lihua");
        assertThat(claims.getString("upn")).isEqualTo("lihua");
        assertThat(claims.getList("groups", String.class)).containsExactlyInAnyOrder("district-admin", "party-member");
        assertThat(claims.getString("grid_scope")).isEqualTo("node-42");
        assertThat(claims.getLong("exp") - Instant.now().getEpochSecond()).isBetween(3500L, 3600L);

        given().header("Authorization", "Bearer " + token)
                .when().get("/api/v1/grids/node-42")
                .then().statusCode(200)
                .body("headers.authorization", equalTo(List.of("Bearer " + token)));
    }

    @Test
    void anUnboundTokenHasNoGridScope() {
        String token = given().contentType(ContentType.JSON)
                .body("""
                        {"subject": "svc-loader", "roles": ["service"], "gridScope": null}""")
                .when().post("/auth/dev-token")
                .then().statusCode(200).extract().path("token");
        assertThat(part(token, 1).getMap("").keySet()).doesNotContain("grid_scope");
    }

    @Test
    void badInputIsA400ProblemWithFieldErrors() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"subject": " ", "roles": ["citizen", "king", 7], "gridScope": 5, "admin": true}""")
                .when().post("/auth/dev-token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://grid-suite.cn/problems/validation"))
                .body("status", equalTo(400))
                .body("errors.field", hasItems("subject", "roles[1]", "roles[2]", "gridScope", "admin"))
                .body("errors.find { it.field == 'roles[1]' }.message", containsString("district-admin"));

        given().contentType(ContentType.JSON).body("{\"subject\": \"" + "x".repeat(101) + "\", \"roles\": []}")
                .when().post("/auth/dev-token")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("subject", "roles")))
                .body("errors[0].message", equalTo("must be at most 100 characters"))
                .body("errors[1].message", equalTo("must name at least one role"));

        given().contentType(ContentType.JSON).body("{\"roles\": \"citizen\"}")
                .when().post("/auth/dev-token")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("subject", "roles")));
    }

    @Test
    void aBodyThatIsNotAJsonObjectIs400() {
        for (String body : List.of("{\"subject\": ", "[]", "")) {
            given().contentType(ContentType.JSON).body(body)
                    .when().post("/auth/dev-token")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://grid-suite.cn/problems/malformed-json"));
        }
    }

    @Test
    void anOversizedBodyIs413() {
        given().contentType(ContentType.JSON).body("{\"subject\": \"" + "x".repeat(20_000) + "\"}")
                .when().post("/auth/dev-token")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://grid-suite.cn/problems/payload-too-large"));
    }

    @Test
    void onlyPostIsAllowed() {
        given().when().get("/auth/dev-token")
                .then().statusCode(405)
                .header("Allow", "POST")
                .contentType("application/problem+json");
    }

    private static JsonPath part(String token, int index) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]),
                StandardCharsets.UTF_8));
    }
}
