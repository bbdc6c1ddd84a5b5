package cn.grid.grid.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static cn.grid.grid.api.GridNodeResourceTest.create;
import static cn.grid.grid.api.GridNodeResourceTest.district;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Rename, move, retire, breadcrumb, subtree search and counts — with the denials. */
@QuarkusTest
class GridTreeOperationsTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("admin-1", null, Roles.DISTRICT_ADMIN);

    static String child(String parent, String level, String code, String name) {
        return create(ADMIN, """
                {"name": "%s", "level": "%s", "code": "%s", "parentId": "%s", "households": 100, "residents": 300}"""
                .formatted(name, level, code, parent));
    }

    static String etag(String id) {
        return given().header("Authorization", ADMIN).get("/api/v1/grids/" + id).then().statusCode(200)
                .extract().header("ETag");
    }

    @Test
    void updatesNeedTheCurrentETag() {
        String street = child(district(), "STREET", "LH", "龙华街道");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\": \"龙华\"}")
                .when().patch("/api/v1/grids/" + street)
                .then().statusCode(428).contentType("application/problem+json")
                .body("type", endsWith("/precondition-required"));
        given().header("Authorization", ADMIN).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("{\"name\": \"龙华街道办\", \"households\": 5200}")
                .when().patch("/api/v1/grids/" + street)
                .then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("name", equalTo("龙华街道办")).body("households", equalTo(5200)).body("residents", equalTo(300));
        // a second writer who read version 0 loses the race
        given().header("Authorization", ADMIN).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("{\"name\": \"别的名字\"}")
                .when().patch("/api/v1/grids/" + street)
                .then().statusCode(412).contentType("application/problem+json")
                .body("detail", containsString("version 1"));
        given().header("Authorization", ADMIN).header("If-Match", "garbage").contentType(ContentType.JSON)
                .body("{\"name\": \"x\"}").when().patch("/api/v1/grids/" + street)
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", ADMIN).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body("{\"name\": \"   \", \"households\": -3}").when().patch("/api/v1/grids/" + street)
                .then().statusCode(400).body("errors", hasSize(2));
    }

    @Test
    void aMoveTakesTheWholeSubtreeAndRefusesCycles() {
        String root = district();
        String streetA = child(root, "STREET", "A", "A 街道");
        String streetB = child(root, "STREET", "B", "B 街道");
        String community = child(streetA, "COMMUNITY", "C1", "清河社区");
        String grid = child(community, "GRID", "G1", "第一网格");
        String area = child(grid, "RESPONSIBILITY_AREA", "R1", "大为小区");

        given().header("Authorization", ADMIN).header("If-Match", etag(community)).contentType(ContentType.JSON)
                .body("{\"parentId\": \"%s\"}".formatted(streetB))
                .when().post("/api/v1/grids/" + community + "/move")
                .then().statusCode(200)
                .body("parentId", equalTo(streetB))
                .body("path", equalTo("/" + root + "/" + streetB + "/" + community + "/"));
        given().header("Authorization", ADMIN).get("/api/v1/grids/" + area).then().statusCode(200)
                .body("path", equalTo("/" + root + "/" + streetB + "/" + community + "/" + grid + "/" + area + "/"));
        given().header("Authorization", ADMIN).get("/api/v1/grids/" + streetA + "/descendants")
                .then().statusCode(200).body("items", hasSize(0));

        // into its own subtree: a cycle
        given().header("Authorization", ADMIN).header("If-Match", etag(streetB)).contentType(ContentType.JSON)
                .body("{\"parentId\": \"%s\"}".formatted(grid))
                .when().post("/api/v1/grids/" + streetB + "/move")
                .then().statusCode(409).contentType("application/problem+json");
        given().header("Authorization", ADMIN).header("If-Match", etag(community)).contentType(ContentType.JSON)
                .body("{\"parentId\": \"%s\"}".formatted(area))
                .when().post("/api/v1/grids/" + community + "/move")
                .then().statusCode(409).body("detail", containsString("own subtree"));
        // a level that does not fit
        given().header("Authorization", ADMIN).header("If-Match", etag(grid)).contentType(ContentType.JSON)
                .body("{\"parentId\": \"%s\"}".formatted(streetA))
                .when().post("/api/v1/grids/" + grid + "/move")
                .then().statusCode(400).body("errors[0].field", equalTo("parentId"));
        // a code already used under the new parent
        child(streetA, "COMMUNITY", "C1", "另一个清河");
        given().header("Authorization", ADMIN).header("If-Match", etag(community)).contentType(ContentType.JSON)
                .body("{\"parentId\": \"%s\"}".formatted(streetA))
                .when().post("/api/v1/grids/" + community + "/move")
                .then().statusCode(409).body("detail", containsString("C1"));
        // an unknown parent, and a district
        given().header("Authorization", ADMIN).header("If-Match", etag(community)).contentType(ContentType.JSON)
                .body("{\"parentId\": \"%s\"}".formatted(UUID.randomUUID()))
                .when().post("/api/v1/grids/" + community + "/move")
                .then().statusCode(400).body("errors[0].field", equalTo("parentId"));
        given().header("Authorization", ADMIN).header("If-Match", etag(root)).contentType(ContentType.JSON)
                .body("{\"parentId\": \"%s\"}".formatted(district()))
                .when().post("/api/v1/grids/" + root + "/move")
                .then().statusCode(409);
    }

    @Test
    void aBoundAdminMovesOnlyInsideItsScope() {
        String root = district();
        String streetA = child(root, "STREET", "A", "A 街道");
        String streetB = child(root, "STREET", "B", "B 街道");
        String communityA1 = child(streetA, "COMMUNITY", "A1", "A1 社区");
        String communityA2 = child(streetA, "COMMUNITY", "A2", "A2 社区");
        String gridInA1 = child(communityA1, "GRID", "G", "网格");
        String adminOfA = RegistryLogins.orgAdmin(streetA);

        given().header("Authorization", adminOfA).header("If-Match", etag(gridInA1)).contentType(ContentType.JSON)
                .body("{\"parentId\": \"%s\"}".formatted(communityA2))
                .when().post("/api/v1/grids/" + gridInA1 + "/move")
                .then().statusCode(200);
        given().header("Authorization", adminOfA).header("If-Match", etag(communityA1)).contentType(ContentType.JSON)
                .body("{\"parentId\": \"%s\"}".formatted(streetB))
                .when().post("/api/v1/grids/" + communityA1 + "/move")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", adminOfA).header("If-Match", etag(streetB)).contentType(ContentType.JSON)
                .body("{\"name\": \"不归我管\"}")
                .when().patch("/api/v1/grids/" + streetB)
                .then().statusCode(403);
        String workerOfA = RegistryLogins.gridWorker(streetA);
        given().header("Authorization", workerOfA).header("If-Match", etag(communityA1)).contentType(ContentType.JSON)
                .body("{\"name\": \"改名\"}")
                .when().patch("/api/v1/grids/" + communityA1)
                .then().statusCode(403);
    }

    @Test
    void retiringNeedsAnEmptySubtreeAndStopsNewChildren() {
        String root = district();
        String street = child(root, "STREET", "S", "播乐乡");
        String village = child(street, "COMMUNITY", "V", "某村");
        given().header("Authorization", ADMIN).header("If-Match", etag(street)).contentType(ContentType.JSON)
                .body("{\"reason\": \"合并\"}")
                .when().post("/api/v1/grids/" + street + "/retire")
                .then().statusCode(409).body("detail", containsString("active child"));
        given().header("Authorization", ADMIN).header("If-Match", etag(village)).contentType(ContentType.JSON)
                .body("{\"reason\": \"并入邻村\"}")
                .when().post("/api/v1/grids/" + village + "/retire")
                .then().statusCode(200).body("status", equalTo("RETIRED"));
        given().header("Authorization", ADMIN).header("If-Match", etag(village)).contentType(ContentType.JSON)
                .body("{}")
                .when().post("/api/v1/grids/" + village + "/retire")
                .then().statusCode(409);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"level\": \"GRID\", \"code\": \"G\", \"parentId\": \"%s\"}".formatted(village))
                .when().post("/api/v1/grids")
                .then().statusCode(409).body("detail", containsString("retired"));
        given().header("Authorization", ADMIN).header("If-Match", etag(street)).contentType(ContentType.JSON)
                .body("{}")
                .when().post("/api/v1/grids/" + street + "/retire")
                .then().statusCode(200);
    }

    @Test
    void breadcrumbSearchAndCounts() {
        String root = district();
        String street = child(root, "STREET", "LH", "龙华街道");
        String community = child(street, "COMMUNITY", "QH", "清河社区");
        String grid1 = child(community, "GRID", "G1", "清河第一网格");
        child(community, "GRID", "G2", "清河第二网格");
        child(street, "COMMUNITY", "DW", "大为社区");

        given().header("Authorization", ADMIN).get("/api/v1/grids/" + grid1 + "/ancestors")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(root, street, community, grid1)));
        String workerOfCommunity = RegistryLogins.gridWorker(community);
        given().header("Authorization", workerOfCommunity).get("/api/v1/grids/" + grid1 + "/ancestors")
                .then().statusCode(200).body("items.id", equalTo(List.of(root, street, community, grid1)));

        given().header("Authorization", ADMIN).queryParam("q", "清河").get("/api/v1/grids/" + root + "/descendants")
                .then().statusCode(200).body("items.name", equalTo(List.of("清河社区", "清河第一网格", "清河第二网格")));
        given().header("Authorization", ADMIN).queryParam("level", "GRID").queryParam("limit", 1)
                .get("/api/v1/grids/" + street + "/descendants")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].code", equalTo("G1"));
        given().header("Authorization", ADMIN).queryParam("level", "PROVINCE")
                .get("/api/v1/grids/" + street + "/descendants")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", ADMIN).queryParam("q", "%_%")
                .get("/api/v1/grids/" + street + "/descendants")
                .then().statusCode(200).body("items", hasSize(0));

        given().header("Authorization", ADMIN).get("/api/v1/grids/" + street + "/counts")
                .then().statusCode(200)
                .body("levels.level", equalTo(List.of("STREET", "COMMUNITY", "GRID")))
                .body("levels.nodes", equalTo(List.of(1, 2, 2)))
                .body("levels[2].households", equalTo(200));
    }

    @Test
    void citizensReadPublicNodeInformationOnly() {
        String root = district();
        String street = child(root, "STREET", "S", "西平街道");
        String citizen = "Bearer " + TestJwt.token("citizen-1", null, Roles.CITIZEN);
        given().header("Authorization", citizen).get("/api/v1/grids/" + street).then().statusCode(200)
                .body("name", equalTo("西平街道"));
        given().header("Authorization", citizen).get("/api/v1/grids/" + root + "/children").then().statusCode(200);
        given().header("Authorization", citizen).get("/api/v1/grids/" + street + "/ancestors").then().statusCode(200);
        given().header("Authorization", citizen).get("/api/v1/grids/" + root + "/counts").then().statusCode(403);
        given().header("Authorization", citizen).get("/api/v1/grids/" + root + "/descendants").then().statusCode(403);
        given().header("Authorization", citizen).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("{\"name\": \"x\"}").patch("/api/v1/grids/" + street).then().statusCode(403);
        given().header("Authorization", citizen).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"level\": \"COMMUNITY\", \"code\": \"X\", \"parentId\": \"%s\"}".formatted(street))
                .post("/api/v1/grids").then().statusCode(403);
        given().header("Authorization", ADMIN).get("/api/v1/grids/" + root).then().statusCode(200)
                .body("parentId", nullValue());
    }
}
