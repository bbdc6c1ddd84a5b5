package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Bad input the fuzz run of issue 7 (system-tests' FuzzIT, bench/fuzz/run) found answered without a problem. */
@QuarkusTest
class BadInputTest {

    @Test
    void aBodyOverTheOneMegabyteLimitIsA413Problem() {
        String huge = "界".repeat(350_000); // 1.05 MB in UTF-8
        given().header("Authorization", "Bearer " + TestJwt.token("fuzz-citizen", null, Roles.CITIZEN))
                .contentType(ContentType.JSON)
                .body("{\"category\": \"water-pipe\", \"title\": \"" + huge + "\"}")
                .when().post("/api/v1/requests")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("type", equalTo("https://grid-suite.cn/problems/payload-too-large"));
    }
}
