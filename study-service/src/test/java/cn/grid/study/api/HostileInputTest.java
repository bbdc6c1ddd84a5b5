package cn.grid.study.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Issue 17: hostile input at study-service's port, each a 500 or silently taken before. */
@QuarkusTest
class HostileInputTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("hostile-admin", null, Roles.DISTRICT_ADMIN);

    private static String version() {
        return given().header("Authorization", ADMIN).get("/api/v1/study/points/rules").then()
                .statusCode(200).extract().path("find { it.activity == 'LECTURE' }.version").toString();
    }

    @Test
    void aRepeatedKeyIsA400ProblemNotABare500() {
        given().header("Authorization", ADMIN).header("If-Match", "\"" + version() + "\"").contentType(ContentType.JSON)
                .body("{\"points\": 3, \"description\": \"主讲\", \"description\": \"宣讲\"}")
                .put("/api/v1/study/points/rules/LECTURE")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void unknownAndServerOwnedFieldsAreRefused() {
        given().header("Authorization", ADMIN).header("If-Match", "\"" + version() + "\"").contentType(ContentType.JSON)
                .body("{\"points\": 3, \"description\": \"主讲\", \"version\": 99}")
                .put("/api/v1/study/points/rules/LECTURE")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("version"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"kind\": \"FILM\", \"title\": \"解码中部崛起\", \"id\": \"0190a0a0-0000-7000-8000-000000000000\"}")
                .post("/api/v1/study/materials")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("id"));
    }

    @Test
    void controlCharactersInBodiesAndQueriesAreA400() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"kind\": \"FILM\", \"title\": \"解码\\u000b中部崛起\"}").post("/api/v1/study/materials")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("title"));
        // the xAPI face reads its body as text and parses it itself: the same rule holds
        given().header("Authorization", ADMIN).header("X-Experience-API-Version", "1.0.3").contentType(ContentType.JSON)
                .body("{\"actor\": {\"mbox\": \"mailto:a\\u0000@example.com\"}, \"verb\": {\"id\": \"http://adlnet.gov/expapi/verbs/attended\"}, \"object\": {\"id\": \"http://example.com/x\"}}")
                .post("/xapi/statements")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().header("Authorization", ADMIN).header("X-Experience-API-Version", "1.0.3")
                .queryParam("verb", "http://adlnet.gov/expapi/verbs/attended\u0000").get("/xapi/statements")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().header("Authorization", ADMIN).header("X-Experience-API-Version", "1.0.3")
                .queryParam("activity", "http://example.com/\u0000").get("/xapi/statements")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }
}
