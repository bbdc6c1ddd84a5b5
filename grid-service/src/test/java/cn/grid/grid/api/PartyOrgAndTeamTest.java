package cn.grid.grid.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.grid.grid.api.GridNodeResourceTest.district;
import static cn.grid.grid.api.GridTreeOperationsTest.child;
import static cn.grid.grid.api.GridTreeOperationsTest.etag;
import static cn.grid.grid.api.PeopleTest.assign;
import static cn.grid.grid.api.PeopleTest.person;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Party organisations (nesting rules, roles, counts) and teams, with the denials. */
@QuarkusTest
class PartyOrgAndTeamTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("admin-1", null, Roles.DISTRICT_ADMIN);

    static String org(String token, String name, String kind, String branchType, String parent, String grid,
            int status) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "kind": "%s", "branchType": %s, "parentId": %s, "gridNodeId": "%s"}"""
                        .formatted(name, kind, PeopleTest.json(branchType), PeopleTest.json(parent), grid))
                .when().post("/api/v1/party-orgs")
                .then().statusCode(status).extract().path(status == 201 ? "id" : "type");
    }

    @Test
    void organisationsNestByKindAndServeNodesInsideTheirParents() {
        String root = district();
        String street = child(root, "STREET", "NS", "南沙街道");
        String otherStreet = child(root, "STREET", "DY", "东涌镇");
        String community = child(street, "COMMUNITY", "JZ", "金洲社区");
        String grid = child(community, "GRID", "G1", "金洲第一网格");

        String committee = org(ADMIN, "南沙街道党工委", "WORKING_COMMITTEE", null, null, street, 201);
        String communityCommittee = org(ADMIN, "金洲社区党委", "PARTY_COMMITTEE", null, committee, community, 201);
        String branch = org(ADMIN, "金洲第一网格党支部", "BRANCH", "GRID", communityCommittee, grid, 201);
        String group = org(ADMIN, "第一党小组", "PARTY_GROUP", null, branch, grid, 201);
        org(ADMIN, "3 栋党员责任区", "MEMBER_RESPONSIBILITY_AREA", null, group, grid, 201);
        org(ADMIN, "物业公司党支部", "BRANCH", "PROPERTY_COMPANY", communityCommittee, community, 201);

        // a branch cannot be a root, a group cannot sit under a committee, a branch needs its type
        org(ADMIN, "孤立支部", "BRANCH", "GRID", null, grid, 400);
        org(ADMIN, "错位小组", "PARTY_GROUP", null, communityCommittee, grid, 400);
        org(ADMIN, "无类型支部", "BRANCH", null, communityCommittee, grid, 400);
        org(ADMIN, "带类型党委", "PARTY_COMMITTEE", "GRID", committee, community, 400);
        // the node must lie inside the parent's
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "越界支部", "kind": "BRANCH", "branchType": "GRID", "parentId": "%s", "gridNodeId": "%s"}"""
                        .formatted(communityCommittee, otherStreet))
                .when().post("/api/v1/party-orgs")
                .then().statusCode(400).body("errors[0].field", equalTo("gridNodeId"));

        given().header("Authorization", ADMIN).get("/api/v1/party-orgs/" + communityCommittee + "/children")
                .then().statusCode(200).body("items", hasSize(2));
        given().header("Authorization", ADMIN).get("/api/v1/party-orgs/" + branch)
                .then().statusCode(200).body("branchType", equalTo("GRID"))
                .body("orgPath", equalTo("/" + committee + "/" + communityCommittee + "/" + branch + "/"));
        given().header("Authorization", ADMIN).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("{\"name\": \"金洲社区第一网格党支部\"}").patch("/api/v1/party-orgs/" + branch)
                .then().statusCode(200).body("name", equalTo("金洲社区第一网格党支部")).body("version", equalTo(1));

        // a node an organisation serves cannot retire
        String empty = child(root, "STREET", "E", "空街道");
        org(ADMIN, "空街道党工委", "WORKING_COMMITTEE", null, null, empty, 201);
        given().header("Authorization", ADMIN).header("If-Match", etag(empty)).contentType(ContentType.JSON)
                .body("{}").post("/api/v1/grids/" + empty + "/retire")
                .then().statusCode(409).body("detail", containsString("party organisation"));
    }

    @Test
    void rolesAndCountsOfASubtree() {
        String root = district();
        String street = child(root, "STREET", "NS", "南沙街道");
        String community = child(street, "COMMUNITY", "JZ", "金洲社区");
        String grid = child(community, "GRID", "G1", "金洲第一网格");
        String committee = org(ADMIN, "南沙街道党工委", "WORKING_COMMITTEE", null, null, street, 201);
        String branch = org(ADMIN, "第一网格党支部", "BRANCH", "GRID", committee, grid, 201);
        org(ADMIN, "第二网格党支部", "BRANCH", "GRID", committee, community, 201);
        String group = org(ADMIN, "第一党小组", "PARTY_GROUP", null, branch, grid, 201);
        String secretary = person(grid, "支部书记", null);
        String other = person(grid, "另一人", null);
        assign(grid, secretary, "PARTY_MEMBER", "2021-01-01", null, null);
        assign(grid, other, "PARTY_MEMBER", "2021-01-01", null, null);

        join(branch, secretary, "SECRETARY", 201);
        join(branch, other, "SECRETARY", 409);
        join(branch, other, "MEMBER", 201);
        join(branch, other, "MEMBER", 409);
        join(branch, other, "GROUP_LEADER", 400);
        join(group, other, "GROUP_LEADER", 201);

        // the secretary (书记) heads the list, as on the organisation's own roll, not where "S" falls in the alphabet
        given().header("Authorization", ADMIN).get("/api/v1/party-orgs/" + branch + "/members")
                .then().statusCode(200).body("items.role", equalTo(List.of("SECRETARY", "MEMBER")));
        given().header("Authorization", ADMIN).queryParam("gridNodeId", street).get("/api/v1/party-orgs/counts")
                .then().statusCode(200)
                .body("organisations.find { it.kind == 'BRANCH' }.count", equalTo(2))
                .body("organisations.find { it.kind == 'BRANCH' }.branchType", equalTo("GRID"))
                .body("members", equalTo(2))
                .body("registeredMembers", equalTo(2))
                .body("on", equalTo(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString()));

        String workerOfOtherStreet = RegistryLogins.orgAdmin(child(root, "STREET", "X", "别处"));
        given().header("Authorization", workerOfOtherStreet).get("/api/v1/party-orgs/" + branch).then().statusCode(403);
        given().header("Authorization", workerOfOtherStreet).queryParam("gridNodeId", street)
                .get("/api/v1/party-orgs/counts").then().statusCode(403);
        org(workerOfOtherStreet, "越权支部", "BRANCH", "GRID", committee, grid, 403);
        given().header("Authorization", ADMIN).get("/api/v1/party-orgs/counts").then().statusCode(400);
    }

    static void join(String org, String person, String role, int status) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"%s\", \"startDate\": \"2022-01-01\"}".formatted(person, role))
                .when().post("/api/v1/party-orgs/" + org + "/members")
                .then().statusCode(status);
    }

    @Test
    void teamsGatherPeopleAndKeepNodesFromRetiring() {
        String root = district();
        String community = child(child(root, "STREET", "S", "三堤口街道"), "COMMUNITY", "QX", "庆相桥社区");
        String team = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"kind\": \"VOLUNTEER_SERVICE\", \"name\": \"庆相桥社区志愿服务队\"}")
                .post("/api/v1/grids/" + community + "/teams").then().statusCode(201).extract().path("id");
        String leader = person(community, "队长", null);
        String member = person(community, "队员", null);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"leader\": true}".formatted(leader))
                .post("/api/v1/grids/" + community + "/teams/" + team + "/members").then().statusCode(201);
        String membership = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\"}".formatted(member))
                .post("/api/v1/grids/" + community + "/teams/" + team + "/members").then().statusCode(201)
                .extract().path("id");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\"}".formatted(member))
                .post("/api/v1/grids/" + community + "/teams/" + team + "/members").then().statusCode(409);
        given().header("Authorization", ADMIN).get("/api/v1/grids/" + community + "/teams/" + team + "/members")
                .then().statusCode(200).body("items.personName", equalTo(List.of("队长", "队员")))
                .body("items[0].role", equalTo("LEADER"));
        given().header("Authorization", ADMIN).get("/api/v1/grids/" + root + "/teams")
                .then().statusCode(200).body("items[0].name", equalTo("庆相桥社区志愿服务队"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/grids/" + community + "/teams/" + team + "/members/" + membership + "/end")
                .then().statusCode(200);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"kind\": \"CHOIR\", \"name\": \"x\"}")
                .post("/api/v1/grids/" + community + "/teams").then().statusCode(400);
        given().header("Authorization", ADMIN).header("If-Match", etag(community)).contentType(ContentType.JSON)
                .body("{}").post("/api/v1/grids/" + community + "/retire")
                .then().statusCode(409).body("detail", containsString("team"));
        given().header("Authorization", RegistryLogins.gridWorker(community))
                .contentType(ContentType.JSON).body("{\"kind\": \"LECTURE\", \"name\": \"宣讲队\"}")
                .post("/api/v1/grids/" + community + "/teams").then().statusCode(403);
    }
}
