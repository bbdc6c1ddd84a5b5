package cn.grid.study.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bad input the fuzz run of issue 7 (system-tests' FuzzIT, bench/fuzz/run) answered with a 500. */
@QuarkusTest
class BadInputTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("fuzz-admin", null, Roles.DISTRICT_ADMIN);

    @Test
    void aNulCharacterInTextIsA400ProblemAndChangesNothing() {
        String version = given().header("Authorization", ADMIN).get("/api/v1/study/points/rules").then()
                .statusCode(200).extract().path("find { it.activity == 'LECTURE' }.version").toString();
        given().header("Authorization", ADMIN).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body("{\"points\": 3, \"description\": \"主讲\\u0000微党课\"}")
                .put("/api/v1/study/points/rules/LECTURE")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        String after = given().header("Authorization", ADMIN).get("/api/v1/study/points/rules").then()
                .statusCode(200).extract().path("find { it.activity == 'LECTURE' }.version").toString();
        assertEquals(version, after);
    }
}
