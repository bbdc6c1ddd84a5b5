package cn.grid.system;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

/** The packaged suite, started once per test class, and dev tokens from its gateway. */
abstract class AgainstTheSuite {

    static RunningSuite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = RunningSuite.start();
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    static String devToken(String subject, List<String> roles, String gridScope) {
        return given().baseUri(suite.gateway()).contentType(ContentType.JSON)
                .body("""
                        {"subject": "%s", "roles": [%s], "gridScope": %s}""".formatted(subject,
                        String.join(",", roles.stream().map(r -> "\"" + r + "\"").toList()),
                        gridScope == null ? "null" : "\"" + gridScope + "\""))
                .when().post("/auth/dev-token")
                .then().statusCode(200).body("token", notNullValue())
                .extract().path("token");
    }
}
