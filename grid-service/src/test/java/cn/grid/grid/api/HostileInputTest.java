package cn.grid.grid.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Issue 17: hostile input at grid-service's port, each a 500 or silently taken before. */
@QuarkusTest
class HostileInputTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("hostile-admin", null, Roles.DISTRICT_ADMIN);

    private static String district() {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"沾益区\", \"level\": \"DISTRICT\", \"code\": \"H" + System.nanoTime() + "\"}")
                .post("/api/v1/grids").then().statusCode(201).extract().path("id");
    }

    @Test
    void aNulInARenameIsA400NamingTheField() {
        String node = district();
        given().header("Authorization", ADMIN).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("{\"name\": \"沾益\\u0000区\"}").patch("/api/v1/grids/" + node)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
    }

    @Test
    void aNulInAPersonIsA400() {
        String node = district();
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"王秀兰\", \"phone\": \"13812345678\", \"address\": \"大为小区\\u0000 3 栋\", \"homeNodeId\": \"" + node + "\"}")
                .post("/api/v1/people")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("address"));
    }

    @Test
    void invalidUtf8InABodyIsA400() {
        String node = district();
        byte[] body = "{\"name\": \"x__\"}".getBytes(StandardCharsets.UTF_8);
        body[11] = (byte) 0xC0; // an overlong '/'
        body[12] = (byte) 0xAF;
        given().header("Authorization", ADMIN).header("If-Match", "\"0\"").contentType(ContentType.JSON).body(body)
                .patch("/api/v1/grids/" + node)
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void aRepeatedKeyAndAServerOwnedFieldAreRefused() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"沾益区\", \"level\": \"DISTRICT\", \"code\": \"D" + System.nanoTime() + "\", \"name\": \"x\"}")
                .post("/api/v1/grids")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"沾益区\", \"level\": \"DISTRICT\", \"code\": \"D" + System.nanoTime() + "\", \"status\": \"RETIRED\"}")
                .post("/api/v1/grids")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("status"));
    }
}
