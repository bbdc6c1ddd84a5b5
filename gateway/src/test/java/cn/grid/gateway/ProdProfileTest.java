package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.JwtTestResource;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Under the prod profile the dev-token endpoint does not exist; the JWT keys still come from the test resource. */
@QuarkusTest
@TestProfile(ProdProfileTest.Prod.class)
class ProdProfileTest {

    public static class Prod implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        /**
         * %test.* lines do not apply under "prod", and a profile's overrides outrank a test resource's config,
         * so the JWT settings come from here — still made by JwtTestResource. Naming a key location at build
         * time also keeps smallrye-jwt from making an in-memory key pair that would outrank it.
         */
        @Override
        public Map<String, String> getConfigOverrides() {
            return new JwtTestResource().start();
        }
    }

    @Test
    void thereIsNoDevTokenEndpoint() {
        given().contentType(ContentType.JSON).body("{\"subject\": \"x\", \"roles\": [\"district-admin\"]}")
                .when().post("/auth/dev-token")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/auth/dev-token").then().statusCode(404).contentType("application/problem+json");
        given().when().delete("/nothing/here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void noSwaggerUiNoDevUiAndNoHealthOrMetricsOnThePublicPort() {
        for (String path : new String[] {"/q/swagger-ui", "/q/swagger-ui/", "/q/swagger-ui/index.html", "/q/dev",
                "/q/dev-ui", "/q/health/ready", "/q/metrics"}) {
            given().redirects().follow(false).when().get(path)
                    .then().statusCode(404).contentType("application/problem+json");
        }
        // the merged spec is public: clients generate from it
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void theGatewayStillWorks() {
        given().header("Authorization", "Bearer " + TestJwt.token("admin-1", null, Roles.DISTRICT_ADMIN))
                .when().get("/api/v1/grids/g-1")
                .then().statusCode(200).body("service", equalTo("grid"));
        given().when().get("/api/v1/grids/g-1").then().statusCode(401);
    }
}
