package cn.grid.notification;

import cn.grid.testsupport.CheckedInSpec;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/**
 * docs/openapi/notification-service.json is what this service serves at /q/openapi: the gateway packages that file into the
 * suite's one spec, and integrators generate clients from it. A change to the API without a refreshed file fails
 * here; `docs/openapi/refresh notification-service` rewrites it.
 */
@QuarkusTest
class OpenApiSpecTest {

    @Test
    void servedSpecIsTheCheckedInOne() {
        String served = given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        CheckedInSpec.check(served, "notification-service");
    }
}
