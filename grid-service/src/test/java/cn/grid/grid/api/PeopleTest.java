package cn.grid.grid.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static cn.grid.grid.api.GridNodeResourceTest.district;
import static cn.grid.grid.api.GridTreeOperationsTest.child;
import static cn.grid.grid.api.GridTreeOperationsTest.etag;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The person registry and assignments: masking, history, "who was responsible", and every denial. */
@QuarkusTest
class PeopleTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("admin-1", null, Roles.DISTRICT_ADMIN);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    static String person(String home, String name, String idNumber) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "phone": "13812345678", "address": "大为小区 3 栋", "idNumber": %s,
                         "homeNodeId": "%s"}""".formatted(name, idNumber == null ? "null" : "\"" + idNumber + "\"",
                        home))
                .when().post("/api/v1/people")
                .then().statusCode(201).extract().path("id");
    }

    static String assign(String node, String person, String role, String start, String end, String workOrg) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"personId": "%s", "role": "%s", "startDate": %s, "endDate": %s, "workOrganisation": %s}"""
                        .formatted(person, role, json(start), json(end), json(workOrg)))
                .when().post("/api/v1/grids/" + node + "/assignments")
                .then().statusCode(201).extract().path("id");
    }

    static String json(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    @Test
    void registersPeopleWithoutEverReturningTheIdentityNumberWhole() {
        String grid = child(child(child(district(), "STREET", "S", "龙华街道"), "COMMUNITY", "C", "清河社区"),
                "GRID", "G", "第一网格");
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "王秀兰", "phone": "13812345678", "idNumber": "11010519491231002x", "homeNodeId": "%s"}"""
                        .formatted(grid))
                .when().post("/api/v1/people")
                .then().statusCode(201)
                .body("idNumber", equalTo("**************002X"))
                .body("phone", equalTo("13812345678"))
                .extract().path("id");
        given().header("Authorization", ADMIN).get("/api/v1/people/" + id).then().statusCode(200)
                .body("idNumber", equalTo("**************002X"))
                .body(not(containsString("110105")));
        // the same identity number again
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "王秀兰", "idNumber": "11010519491231002X", "homeNodeId": "%s"}""".formatted(grid))
                .when().post("/api/v1/people")
                .then().statusCode(409).contentType("application/problem+json");
        // a wrong check digit, a bad phone, no name, unknown home
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "张三", "idNumber": "110105194912310021", "homeNodeId": "%s"}""".formatted(grid))
                .when().post("/api/v1/people")
                .then().statusCode(400).body("errors[0].field", equalTo("idNumber"))
                .body("errors[0].message", containsString("check digit"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"phone": "12345", "homeNodeId": "%s"}""".formatted(grid))
                .when().post("/api/v1/people")
                .then().statusCode(400).body("errors.field", equalTo(List.of("name", "phone")));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "李四", "homeNodeId": "%s"}""".formatted(UUID.randomUUID()))
                .when().post("/api/v1/people")
                .then().statusCode(400).body("errors[0].field", equalTo("homeNodeId"));
    }

    @Test
    void peopleAreSeenOnlyInsideTheScope() {
        String root = district();
        String streetA = child(root, "STREET", "A", "A 街道");
        String streetB = child(root, "STREET", "B", "B 街道");
        String inB = person(streetB, "赵六", null);
        String workerOfA = RegistryLogins.gridWorker(streetA);
        given().header("Authorization", workerOfA).get("/api/v1/people/" + inB).then().statusCode(403);
        given().header("Authorization", workerOfA).contentType(ContentType.JSON)
                .body("""
                        {"name": "钱七", "homeNodeId": "%s"}""".formatted(streetB))
                .when().post("/api/v1/people").then().statusCode(403);
        given().header("Authorization", workerOfA).get("/api/v1/grids/" + streetB + "/people").then().statusCode(403);
        given().header("Authorization", workerOfA).get("/api/v1/grids/" + streetB + "/responsible").then().statusCode(403);
        // a grid worker reads but does not assign
        String inA = person(streetA, "孙八", null);
        given().header("Authorization", workerOfA).get("/api/v1/people/" + inA).then().statusCode(200);
        given().header("Authorization", workerOfA).contentType(ContentType.JSON)
                .body("""
                        {"personId": "%s", "role": "VOLUNTEER"}""".formatted(inA))
                .when().post("/api/v1/grids/" + streetA + "/assignments").then().statusCode(403);
        given().header("Authorization", "Bearer " + TestJwt.token("c", null, Roles.CITIZEN))
                .get("/api/v1/people/" + inA).then().statusCode(403);
    }

    @Test
    void assignmentsKeepTheirHistoryAndAnswerWhoWasResponsible() {
        String root = district();
        String street = child(root, "STREET", "S", "盘江镇");
        String village = child(street, "COMMUNITY", "V", "河西村");
        String grid = child(village, "GRID", "G", "河西一组网格");
        String first = person(grid, "老网格员", null);
        String second = person(grid, "新网格员", null);
        String head = person(village, "村书记", null);

        String firstTerm = assign(grid, first, "GRID_WORKER", "2026-01-01", "2026-06-30", null);
        assign(grid, second, "GRID_WORKER", "2026-07-01", null, null);
        assign(village, head, "GRID_HEAD", "2025-01-01", null, null);

        given().header("Authorization", ADMIN).queryParam("on", "2026-03-15")
                .get("/api/v1/grids/" + grid + "/responsible")
                .then().statusCode(200)
                .body("items.personName", equalTo(List.of("老网格员", "村书记")))
                .body("items[0].phone", equalTo("138****5678"))
                .body("items[1].nodeLevel", equalTo("COMMUNITY"));
        given().header("Authorization", ADMIN).queryParam("on", "2026-08-01")
                .get("/api/v1/grids/" + grid + "/responsible")
                .then().statusCode(200).body("items.personName", equalTo(List.of("新网格员", "村书记")));

        // overlapping the same role again is refused; an end before the start too
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"personId": "%s", "role": "GRID_WORKER", "startDate": "2026-06-01"}""".formatted(first))
                .when().post("/api/v1/grids/" + grid + "/assignments")
                .then().statusCode(409).body("detail", containsString("already holds GRID_WORKER"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"personId": "%s", "role": "VOLUNTEER", "startDate": "2026-06-01", "endDate": "2026-05-01"}"""
                        .formatted(first))
                .when().post("/api/v1/grids/" + grid + "/assignments")
                .then().statusCode(400).body("errors[0].field", equalTo("endDate"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"personId": "%s", "role": "VOLUNTEER", "workOrganisation": "区税务局"}""".formatted(first))
                .when().post("/api/v1/grids/" + grid + "/assignments")
                .then().statusCode(400).body("errors[0].field", equalTo("workOrganisation"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"personId": "%s", "role": "MAYOR"}""".formatted(first))
                .when().post("/api/v1/grids/" + grid + "/assignments")
                .then().statusCode(400).body("errors[0].field", equalTo("role"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"personId": "%s", "role": "VOLUNTEER"}""".formatted(UUID.randomUUID()))
                .when().post("/api/v1/grids/" + grid + "/assignments")
                .then().statusCode(400).body("errors[0].field", equalTo("personId"));

        given().header("Authorization", ADMIN).get("/api/v1/people/" + first + "/assignments")
                .then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(firstTerm)).body("items[0].endDate", equalTo("2026-06-30"));
        given().header("Authorization", ADMIN).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("{\"reason\": \"重复\"}")
                .when().post("/api/v1/grids/" + grid + "/assignments/" + firstTerm + "/end")
                .then().statusCode(409).body("detail", containsString("already ended"));
    }

    @Test
    void partyMembersRegisterAtTheirResidenceAndPeopleAreListedByRole() {
        String root = district();
        String street = child(root, "STREET", "NS", "南沙街道");
        String community = child(street, "COMMUNITY", "JZ", "金洲社区");
        String grid = child(community, "GRID", "G1", "金洲第一网格");
        String member = person(grid, "陈党员", "530328198001011231");
        String serving = person(grid, "林党员", "44011519900315456X");
        String volunteer = person(grid, "志愿者", null);
        assign(grid, member, "PARTY_MEMBER", "2021-03-01", null, null);
        assign(grid, serving, "PARTY_MEMBER", "2021-04-01", null, "南沙区税务局");
        assign(grid, volunteer, "VOLUNTEER", "2022-01-01", null, null);

        given().header("Authorization", ADMIN).queryParam("role", "PARTY_MEMBER")
                .get("/api/v1/grids/" + street + "/people")
                .then().statusCode(200).body("items", hasSize(2))
                .body("items.personName", hasItem("林党员"))
                .body("items.workOrganisation", hasItem("南沙区税务局"))
                .body("items.phone", hasItem("138****5678"))
                .body(not(containsString("13812345678")));
        given().header("Authorization", ADMIN).queryParam("limit", 2)
                .get("/api/v1/grids/" + community + "/people")
                .then().statusCode(200).body("items", hasSize(2));
        given().header("Authorization", ADMIN).queryParam("on", "2021-03-15")
                .get("/api/v1/grids/" + community + "/people")
                .then().statusCode(200).body("items.personName", equalTo(List.of("陈党员")));
        given().header("Authorization", ADMIN).queryParam("on", "15/03/2021")
                .get("/api/v1/grids/" + community + "/people")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aNodeWithPeopleCannotRetireAndPeopleMoveWithTheirNode() {
        String root = district();
        String streetA = child(root, "STREET", "A", "A 街道");
        String streetB = child(root, "STREET", "B", "B 街道");
        String community = child(streetA, "COMMUNITY", "C", "社区");
        String worker = person(community, "网格员", null);
        String term = assign(community, worker, "GRID_WORKER", LocalDate.now(CHINA).minusDays(30).toString(), null,
                null);

        given().header("Authorization", ADMIN).header("If-Match", etag(community)).contentType(ContentType.JSON)
                .body("{}").when().post("/api/v1/grids/" + community + "/retire")
                .then().statusCode(409).body("detail", containsString("assignment"));

        given().header("Authorization", ADMIN).header("If-Match", etag(community)).contentType(ContentType.JSON)
                .body("{\"parentId\": \"%s\"}".formatted(streetB))
                .when().post("/api/v1/grids/" + community + "/move").then().statusCode(200);
        given().header("Authorization", ADMIN).get("/api/v1/grids/" + streetB + "/people")
                .then().statusCode(200).body("items.personName", equalTo(List.of("网格员")));
        given().header("Authorization", RegistryLogins.gridWorker(streetB))
                .get("/api/v1/people/" + worker).then().statusCode(200);
        given().header("Authorization", ADMIN).get("/api/v1/grids/" + streetA + "/people")
                .then().statusCode(200).body("items", hasSize(0));

        String yesterday = LocalDate.now(CHINA).minusDays(1).toString();
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"endDate\": \"%s\", \"reason\": \"调任\"}".formatted(yesterday))
                .when().post("/api/v1/grids/" + community + "/assignments/" + term + "/end")
                .then().statusCode(428);
        given().header("Authorization", ADMIN).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("{\"endDate\": \"%s\", \"reason\": \"调任\"}".formatted(yesterday))
                .when().post("/api/v1/grids/" + community + "/assignments/" + term + "/end")
                .then().statusCode(200).body("endDate", equalTo(yesterday)).body("endReason", equalTo("调任"));
        given().header("Authorization", ADMIN).header("If-Match", etag(community)).contentType(ContentType.JSON)
                .body("{}").when().post("/api/v1/grids/" + community + "/retire")
                .then().statusCode(200);
        String another = person(streetB, "新人", null);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"VOLUNTEER\"}".formatted(another))
                .when().post("/api/v1/grids/" + community + "/assignments")
                .then().statusCode(409).body("detail", containsString("retired"));
        given().header("Authorization", ADMIN).get("/api/v1/people/" + worker + "/assignments")
                .then().statusCode(200).body("items[0].endReason", equalTo("调任"))
                .body("items[0].personName", nullValue());
    }
}
