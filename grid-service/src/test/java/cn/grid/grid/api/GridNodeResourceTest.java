package cn.grid.grid.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class GridNodeResourceTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("admin-1", null, Roles.DISTRICT_ADMIN);

    static String create(String token, String body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/grids")
                .then().statusCode(201).extract().path("id");
    }

    static String district() {
        return create(ADMIN, """
                {"name": "沾益区", "level": "DISTRICT", "code": "%s", "households": 140000}""".formatted(unique()));
    }

    static String unique() {
        return "C" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsAHierarchyAndReadsItBack() {
        String district = district();
        String street = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "盘江镇", "level": "STREET", "code": "PJ", "parentId": "%s"}""".formatted(district))
                .when().post("/api/v1/grids")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/grids/" + given().header("Authorization", ADMIN)
                        .get("/api/v1/grids/" + district + "/children").path("items[0].id")))
                .header("ETag", notNullValue())
                .body("level", equalTo("STREET"))
                .body("name", equalTo("盘江镇"))
                .body("parentId", equalTo(district))
                .body("path", equalTo("/" + district + "/" + given().header("Authorization", ADMIN)
                        .get("/api/v1/grids/" + district + "/children").path("items[0].id") + "/"))
                .extract().path("id");

        given().header("Authorization", ADMIN)
                .when().get("/api/v1/grids/" + street)
                .then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("id", equalTo(street))
                .body("status", equalTo("ACTIVE"))
                .body("createdAt", notNullValue());
    }

    @Test
    void childrenArePagedWithACursor() {
        String district = district();
        for (int i = 0; i < 5; i++) {
            create(ADMIN, """
                    {"name": "街道 %d", "level": "STREET", "code": "S%d", "parentId": "%s"}""".formatted(i, i, district));
        }
        String cursor = given().header("Authorization", ADMIN).queryParam("limit", 2)
                .when().get("/api/v1/grids/" + district + "/children")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].code", equalTo("S0"))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        cursor = given().header("Authorization", ADMIN).queryParam("limit", 2).queryParam("cursor", cursor)
                .when().get("/api/v1/grids/" + district + "/children")
                .then().statusCode(200)
                .body("items.code", equalTo(java.util.List.of("S2", "S3")))
                .extract().path("nextCursor");
        given().header("Authorization", ADMIN).queryParam("limit", 2).queryParam("cursor", cursor)
                .when().get("/api/v1/grids/" + district + "/children")
                .then().statusCode(200)
                .body("items.code", equalTo(java.util.List.of("S4")))
                .body("nextCursor", nullValue());
        given().header("Authorization", ADMIN).queryParam("cursor", "not-a-cursor!")
                .when().get("/api/v1/grids/" + district + "/children")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/invalid-cursor"));
    }

    @Test
    void invalidInputIsAProblemWithFieldErrors() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"level": "DISTRICT", "code": "bad code!", "households": -1}""")
                .when().post("/api/v1/grids")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://grid-suite.cn/problems/validation"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("households"));
    }

    @Test
    void brokenJsonWrongTypesAndUnknownEnumsAre400Problems() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\": \"x\", ")
                .when().post("/api/v1/grids")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/malformed-json"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "x", "level": "PROVINCE", "code": "X"}""")
                .when().post("/api/v1/grids")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("level"))
                .body("errors[0].message", containsString("DISTRICT"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "x", "level": "DISTRICT", "code": "X", "households": "many"}""")
                .when().post("/api/v1/grids")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("households"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "x", "level": "STREET", "code": "X", "parentId": "not-a-uuid"}""")
                .when().post("/api/v1/grids")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("parentId"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("[]")
                .when().post("/api/v1/grids")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("")
                .when().post("/api/v1/grids")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", ADMIN).contentType(ContentType.TEXT).body("hello")
                .when().post("/api/v1/grids")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void hierarchyRulesAreEnforced() {
        String district = district();
        // a GRID cannot hang directly under a DISTRICT
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "网格", "level": "GRID", "code": "G1", "parentId": "%s"}""".formatted(district))
                .when().post("/api/v1/grids")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("level"))
                .body("detail", containsString("must be a STREET"));
        // only a DISTRICT is a root
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "孤儿", "level": "STREET", "code": "%s"}""".formatted(unique()))
                .when().post("/api/v1/grids")
                .then().statusCode(400).body("errors[0].field", equalTo("parentId"));
        // codes are unique among siblings
        create(ADMIN, """
                {"name": "龙华街道", "level": "STREET", "code": "LH", "parentId": "%s"}""".formatted(district));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "龙华街道二", "level": "STREET", "code": "LH", "parentId": "%s"}""".formatted(district))
                .when().post("/api/v1/grids")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/conflict"));
        // an unknown parent
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "x", "level": "STREET", "code": "X", "parentId": "%s"}""".formatted(UUID.randomUUID()))
                .when().post("/api/v1/grids")
                .then().statusCode(400).body("errors[0].field", equalTo("parentId"));
    }

    @Test
    void unknownNodesAreA404Problem() {
        given().header("Authorization", ADMIN)
                .when().get("/api/v1/grids/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", endsWith("/not-found"))
                .body("instance", startsWith("/api/v1/grids/"));
        given().header("Authorization", ADMIN)
                .when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void tokensAreCheckedByTheServiceItself() {
        String district = district();
        given().when().get("/api/v1/grids/" + district)
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", "Bearer not.a.token")
                .when().get("/api/v1/grids/" + district)
                .then().statusCode(401).contentType("application/problem+json");
        String expired = TestJwt.claims("admin-1", null, Roles.DISTRICT_ADMIN)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .sign(TestJwt.keys().getPrivate());
        given().header("Authorization", "Bearer " + expired)
                .when().get("/api/v1/grids/" + district)
                .then().statusCode(401).contentType("application/problem+json");
        String wrongIssuer = TestJwt.claims("admin-1", null, Roles.DISTRICT_ADMIN).issuer("https://evil.example")
                .sign(TestJwt.keys().getPrivate());
        given().header("Authorization", "Bearer " + wrongIssuer)
                .when().get("/api/v1/grids/" + district)
                .then().statusCode(401);
        given().header("Authorization", "Bearer " + TestJwt.token("c1", null, Roles.CITIZEN))
                .when().get("/api/v1/grids/" + district + "/counts")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("/forbidden"));
    }

    @Test
    void aBoundTokenSeesOnlyItsSubtree() {
        String district = district();
        String gridA = create(ADMIN, """
                {"name": "A 街道", "level": "STREET", "code": "A", "parentId": "%s"}""".formatted(district));
        String gridB = create(ADMIN, """
                {"name": "B 街道", "level": "STREET", "code": "B", "parentId": "%s"}""".formatted(district));
        String workerOfA = RegistryLogins.gridWorker(gridA);

        given().header("Authorization", workerOfA).when().get("/api/v1/grids/" + gridA)
                .then().statusCode(200);
        given().header("Authorization", workerOfA).when().get("/api/v1/grids/" + gridB)
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("outside the grid scope"));
        given().header("Authorization", workerOfA).when().get("/api/v1/grids/" + district)
                .then().statusCode(403);

        String adminOfA = RegistryLogins.orgAdmin(gridA);
        create(adminOfA, """
                {"name": "A 社区", "level": "COMMUNITY", "code": "A1", "parentId": "%s"}""".formatted(gridA));
        given().header("Authorization", adminOfA).contentType(ContentType.JSON)
                .body("""
                        {"name": "B 社区", "level": "COMMUNITY", "code": "B1", "parentId": "%s"}""".formatted(gridB))
                .when().post("/api/v1/grids")
                .then().statusCode(403);
        // a bound org admin may not create districts
        given().header("Authorization", adminOfA).contentType(ContentType.JSON)
                .body("""
                        {"name": "新区", "level": "DISTRICT", "code": "%s"}""".formatted(unique()))
                .when().post("/api/v1/grids")
                .then().statusCode(403);
    }
}
