package cn.grid.grid.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Bad input the fuzz run of issue 7 (system-tests' FuzzIT, bench/fuzz/run) answered with a 500. */
@QuarkusTest
class BadInputTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("fuzz-admin", null, Roles.DISTRICT_ADMIN);

    @Test
    void aDayPostgresqlCannotStoreIsA400Problem() {
        String district = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"沾益区\", \"level\": \"DISTRICT\", \"code\": \"FZ" + System.nanoTime() + "\"}")
                .post("/api/v1/grids").then().statusCode(201).extract().path("id");
        // java.time parses years up to ±999,999,999; PostgreSQL's date stops at 4713 BC and 5874897 AD
        given().header("Authorization", ADMIN).queryParam("on", "-999999999-01-01")
                .get("/api/v1/grids/" + district + "/responsible")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().header("Authorization", ADMIN).queryParam("gridNodeId", district).queryParam("on", "+999999999-12-31")
                .get("/api/v1/party-orgs/counts")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }
}
