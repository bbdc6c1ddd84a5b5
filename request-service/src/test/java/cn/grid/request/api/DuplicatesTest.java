package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Likely duplicates on submit, and "me too" counted once per citizen. */
@QuarkusTest
class DuplicatesTest {

    static String submit(String who, String type, double lat, double lon) {
        return given().header("Authorization", "Bearer " + TestJwt.token(who, null, Roles.CITIZEN))
                .contentType(ContentType.JSON)
                .body("{\"type\": \"%s\", \"title\": \"污水沟\", \"location\": {\"lat\": %s, \"lon\": %s}}"
                        .formatted(type, lat, lon))
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
    }

    @Test
    void nearbyOpenTicketsOfTheSameTypeAreOffered() {
        double lat = 41.1 + Math.random();
        double lon = 122.0 + Math.random();
        String first = submit("dup-1", "PROBLEM_REPORT", lat, lon);
        submit("dup-1", "CONSULTATION", lat, lon);
        submit("dup-1", "PROBLEM_REPORT", lat + 0.01, lon);
        given().header("Authorization", "Bearer " + TestJwt.token("dup-2", null, Roles.CITIZEN))
                .contentType(ContentType.JSON)
                .body("{\"type\": \"PROBLEM_REPORT\", \"title\": \"又是污水沟\", \"location\": {\"lat\": %s, \"lon\": %s}}"
                        .formatted(lat + 0.0005, lon))
                .post("/api/v1/requests").then().statusCode(201)
                .body("likelyDuplicates", equalTo(List.of(first)));

        String meToo = "/api/v1/requests/" + first + "/me-too";
        given().header("Authorization", "Bearer " + TestJwt.token("dup-3", null, Roles.CITIZEN)).post(meToo)
                .then().statusCode(200).body("meToo", equalTo(1));
        given().header("Authorization", "Bearer " + TestJwt.token("dup-3", null, Roles.CITIZEN)).post(meToo)
                .then().statusCode(200).body("meToo", equalTo(1));
        given().header("Authorization", "Bearer " + TestJwt.token("dup-4", null, Roles.CITIZEN)).post(meToo)
                .then().statusCode(200).body("meToo", equalTo(2));
        given().header("Authorization", "Bearer " + TestJwt.token("dup-4", null, Roles.CITIZEN))
                .post("/api/v1/requests/" + UUID.randomUUID() + "/me-too").then().statusCode(404);
        given().header("Authorization", "Bearer " + TestJwt.token("w", null, Roles.GRID_WORKER)).post(meToo)
                .then().statusCode(403);
        given().header("Authorization", "Bearer " + TestJwt.token("dup-5", null, Roles.CITIZEN))
                .contentType(ContentType.JSON)
                .body("{\"type\": \"SERVICE\", \"title\": \"无坐标\", \"location\": {\"address\": \"某处\"}}")
                .post("/api/v1/requests").then().statusCode(201).body("likelyDuplicates", hasSize(0));
    }
}
