package cn.grid.grid.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static cn.grid.grid.api.GridNodeResourceTest.district;
import static cn.grid.grid.api.GridTreeOperationsTest.child;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** Boundaries: validation, nesting, sibling overlap, and locate. Each test works in its own patch of the map. */
@QuarkusTest
class BoundaryTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("admin-1", null, Roles.DISTRICT_ADMIN);
    /** A different longitude band per test, so tests never see each other's boundaries. */
    private static final AtomicInteger BAND = new AtomicInteger();

    static String square(double x0, double y0, double size) {
        return """
                {"type": "Polygon", "coordinates": [[[%s, %s], [%s, %s], [%s, %s], [%s, %s], [%s, %s]]]}"""
                .formatted(x0, y0, x0 + size, y0, x0 + size, y0 + size, x0, y0 + size, x0, y0);
    }

    static int put(String node, String geometry, String ifMatch) {
        var request = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(geometry);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().put("/api/v1/grids/" + node + "/boundary").then().extract().statusCode();
    }

    @Test
    void nestedBoundariesLocateTheDeepestNode() {
        double x = 100 + BAND.getAndIncrement() * 2;
        String root = district();
        String street = child(root, "STREET", "S", "盘江镇");
        String village = child(street, "COMMUNITY", "V", "河西村");
        String grid = child(village, "GRID", "G", "河西一组");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(square(x, 20, 1))
                .when().put("/api/v1/grids/" + street + "/boundary")
                .then().statusCode(200).header("ETag", equalTo("\"0\"")).body("geometry.type", equalTo("Polygon"));
        assertStatus(200, put(village, square(x, 20, 0.5), null));
        assertStatus(200, put(grid, square(x + 0.1, 20.1, 0.1), null));

        String citizen = "Bearer " + TestJwt.token("c", null, Roles.CITIZEN);
        given().header("Authorization", citizen).queryParam("lat", 20.15).queryParam("lon", x + 0.15)
                .when().get("/api/v1/grids/locate")
                .then().statusCode(200).body("id", equalTo(grid)).body("name", equalTo("河西一组"));
        given().header("Authorization", citizen).queryParam("lat", 20.4).queryParam("lon", x + 0.4)
                .when().get("/api/v1/grids/locate").then().statusCode(200).body("id", equalTo(village));
        given().header("Authorization", citizen).queryParam("lat", 20.9).queryParam("lon", x + 0.9)
                .when().get("/api/v1/grids/locate").then().statusCode(200).body("id", equalTo(street));
        given().header("Authorization", citizen).queryParam("lat", -45).queryParam("lon", -170)
                .when().get("/api/v1/grids/locate").then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", citizen).queryParam("lat", 91).queryParam("lon", x)
                .when().get("/api/v1/grids/locate").then().statusCode(400).body("errors[0].field", equalTo("lat"));
        given().header("Authorization", citizen).queryParam("lon", x)
                .when().get("/api/v1/grids/locate").then().statusCode(400);
        given().header("Authorization", citizen).get("/api/v1/grids/" + grid + "/boundary")
                .then().statusCode(200).body("geometry.coordinates[0][0][1]", equalTo(20.1f));
    }

    @Test
    void childrenStayInsideAndSiblingsDoNotOverlap() {
        double x = 100 + BAND.getAndIncrement() * 2;
        String root = district();
        String street = child(root, "STREET", "S", "龙华街道");
        String a = child(street, "COMMUNITY", "A", "清河社区");
        String b = child(street, "COMMUNITY", "B", "大为社区");
        assertStatus(200, put(street, square(x, 30, 1), null));
        assertStatus(200, put(a, square(x, 30, 0.5), null));
        // sharing a border with A is fine
        assertStatus(200, put(b, square(x + 0.5, 30, 0.5), null));
        given().header("Authorization", ADMIN).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(square(x + 0.25, 30, 0.5))
                .when().put("/api/v1/grids/" + b + "/boundary")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("sibling node " + a));
        given().header("Authorization", ADMIN).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(square(x + 0.75, 30, 0.5))
                .when().put("/api/v1/grids/" + b + "/boundary")
                .then().statusCode(409).body("detail", containsString("parent node " + street));
        // shrinking the street would leave B outside
        given().header("Authorization", ADMIN).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(square(x, 30, 0.6))
                .when().put("/api/v1/grids/" + street + "/boundary")
                .then().statusCode(409).body("detail", containsString("child node " + b));
        // replacing needs the current ETag
        assertStatus(428, put(a, square(x, 30, 0.4), null));
        assertStatus(412, put(a, square(x, 30, 0.4), "\"7\""));
        assertStatus(200, put(a, square(x, 30, 0.4), "\"0\""));
    }

    @Test
    void invalidGeometriesAreA400NamingThePosition() {
        String node = child(district(), "STREET", "S", "西平街道");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[2,2],[2,0],[0,2],[0,0]]]}")
                .when().put("/api/v1/grids/" + node + "/boundary")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("boundary.coordinates[0][0]"))
                .body("errors[0].message", containsString("crosses itself"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],[1,1],[0,1]]]}")
                .when().put("/api/v1/grids/" + node + "/boundary")
                .then().statusCode(400).body("errors[0].message", containsString("closed"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[181,0],[1,1],[0,0]]]}")
                .when().put("/api/v1/grids/" + node + "/boundary")
                .then().statusCode(400).body("errors[0].field", endsWith("[0][1]"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"type\": \"LineString\", \"coordinates\": [[0,0],[1,1]]}")
                .when().put("/api/v1/grids/" + node + "/boundary")
                .then().statusCode(400).body("errors[0].field", equalTo("boundary.type"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("\"not a geometry\"")
                .when().put("/api/v1/grids/" + node + "/boundary").then().statusCode(400);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"type\": ")
                .when().put("/api/v1/grids/" + node + "/boundary").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", RegistryLogins.gridWorker(node))
                .contentType(ContentType.JSON).body(square(0, 0, 1))
                .when().put("/api/v1/grids/" + node + "/boundary").then().statusCode(403);
        given().header("Authorization", ADMIN).get("/api/v1/grids/" + node + "/boundary").then().statusCode(404);
    }

    private static void assertStatus(int expected, int actual) {
        org.assertj.core.api.Assertions.assertThat(actual).isEqualTo(expected);
    }
}
