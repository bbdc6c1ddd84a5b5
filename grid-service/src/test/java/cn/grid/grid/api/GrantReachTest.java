package cn.grid.grid.api;

import cn.grid.testsupport.SqlCount;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static cn.grid.grid.api.GridNodeResourceTest.district;
import static cn.grid.grid.api.GridTreeOperationsTest.child;
import static cn.grid.grid.api.PartyOrgAndTeamTest.org;
import static cn.grid.grid.api.PeopleTest.assign;
import static cn.grid.grid.api.RegistrationWorkflowTest.login;
import static cn.grid.grid.api.RegistrationWorkflowTest.personWithLogin;
import static cn.grid.grid.api.RegistrationWorkflowTest.subject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * No pulling people across areas: a role, membership or team place goes directly only to a person within the
 * granter's area; anyone else is invited and joins by accepting. And a person reads their own record.
 */
@QuarkusTest
class GrantReachTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("admin-1", null, Roles.DISTRICT_ADMIN);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anAdminCannotPullSomeoneOfAnotherAreaInButMayInviteThem() throws SQLException {
        String root = district();
        String streetA = child(root, "STREET", "A", "A 街道");
        String streetB = child(root, "STREET", "B", "B 街道");
        String asAdminOfA = RegistryLogins.orgAdmin(streetA);
        String outsiderLogin = subject("outsider");
        String outsider = personWithLogin(streetB, "外区居民", outsiderLogin);
        String local = personWithLogin(streetA, "本区居民", subject("local"));
        String orgOfA = org(ADMIN, "A 街道党委", "PARTY_COMMITTEE", null, null, streetA, 201);
        String teamOfA = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"kind\": \"VOLUNTEER_SERVICE\", \"name\": \"A 街道志愿服务队\"}")
                .post("/api/v1/grids/" + streetA + "/teams").then().statusCode(201).extract().path("id");

        // direct grants to the outsider: refused naming personId, nothing saved, nothing published
        given().header("Authorization", asAdminOfA).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"VOLUNTEER\"}".formatted(outsider))
                .when().post("/api/v1/grids/" + streetA + "/assignments")
                .then().statusCode(403).contentType("application/problem+json")
                .body("errors[0].field", equalTo("personId"))
                .body("detail", containsString("invitations"));
        given().header("Authorization", asAdminOfA).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\"}".formatted(outsider))
                .when().post("/api/v1/party-orgs/" + orgOfA + "/members")
                .then().statusCode(403).body("errors[0].field", equalTo("personId"));
        given().header("Authorization", asAdminOfA).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\"}".formatted(outsider))
                .when().post("/api/v1/grids/" + streetA + "/teams/" + teamOfA + "/members")
                .then().statusCode(403).body("errors[0].field", equalTo("personId"));
        assertThat(rowsOf(outsider)).isZero();
        assertThat(eventsMentioning(outsider)).isZero();
        given().header("Authorization", asAdminOfA).get("/api/v1/people/" + outsider).then().statusCode(403);
        // a person living in the area is granted directly, as before
        given().header("Authorization", asAdminOfA).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"VOLUNTEER\"}".formatted(local))
                .when().post("/api/v1/grids/" + streetA + "/assignments").then().statusCode(201);

        // invitations: checked against the inviter's scope and the offer, publishing nothing
        String roleOffer = invite(asAdminOfA, outsider, """
                {"kind": "ASSIGNMENT", "nodeId": "%s", "role": "VOLUNTEER"}""".formatted(streetA));
        String orgOffer = invite(asAdminOfA, outsider, """
                {"kind": "ORG_MEMBERSHIP", "orgId": "%s"}""".formatted(orgOfA));
        String teamOffer = invite(asAdminOfA, outsider, """
                {"kind": "TEAM", "teamId": "%s", "role": "LEADER"}""".formatted(teamOfA));
        inviting(asAdminOfA, outsider, """
                {"kind": "ASSIGNMENT", "nodeId": "%s", "role": "VOLUNTEER"}""".formatted(streetB))
                .then().statusCode(403);
        inviting(asAdminOfA, outsider, """
                {"kind": "ASSIGNMENT", "role": "VOLUNTEER"}""").then().statusCode(400)
                .body("errors[0].field", equalTo("nodeId"));
        inviting(asAdminOfA, outsider, """
                {"kind": "ASSIGNMENT", "nodeId": "%s", "role": "MAYOR"}""".formatted(streetA)).then().statusCode(400)
                .body("errors[0].field", equalTo("role"));
        inviting(asAdminOfA, outsider, """
                {"kind": "TEAM", "teamId": "%s", "role": "CAPTAIN"}""".formatted(teamOfA)).then().statusCode(400)
                .body("errors[0].field", equalTo("role"));
        inviting(asAdminOfA, outsider, "{}").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        inviting(asAdminOfA, personWithoutLogin(streetB), """
                {"kind": "ASSIGNMENT", "nodeId": "%s", "role": "VOLUNTEER"}""".formatted(streetA))
                .then().statusCode(400).body("errors[0].field", equalTo("personId"));
        inviting(RegistryLogins.gridWorker(streetA), outsider, """
                {"kind": "ASSIGNMENT", "nodeId": "%s", "role": "VOLUNTEER"}""".formatted(streetA))
                .then().statusCode(403);
        assertThat(rowsOf(outsider)).isZero();
        assertThat(eventsMentioning(outsider)).isZero();

        // the person sees the offers, in their work list too, and answers them with their own login
        String asOutsider = login(outsiderLogin, Roles.CITIZEN);
        given().header("Authorization", asOutsider).get("/api/v1/people/me/invitations")
                .then().statusCode(200).body("items", hasSize(3))
                .body("items.placeName", hasItem("A 街道志愿服务队"))
                .body("items.status", equalTo(java.util.List.of("PENDING", "PENDING", "PENDING")));
        given().header("Authorization", asOutsider).get("/api/v1/people/me/work")
                .then().statusCode(200).body("counts.INVITATION_TO_ANSWER", equalTo(3))
                .body("items.kind", hasItem("INVITATION_TO_ANSWER"));
        // nobody else answers them
        String otherLogin = subject("other");
        personWithLogin(streetB, "别人", otherLogin);
        given().header("Authorization", login(otherLogin, Roles.CITIZEN)).header("If-Match", "\"0\"")
                .post("/api/v1/people/me/invitations/" + roleOffer + "/accept").then().statusCode(404);
        given().header("Authorization", asOutsider)
                .post("/api/v1/people/me/invitations/" + roleOffer + "/accept").then().statusCode(428);

        String assignment = given().header("Authorization", asOutsider).header("If-Match", "\"0\"")
                .post("/api/v1/people/me/invitations/" + roleOffer + "/accept")
                .then().statusCode(200).body("status", equalTo("ACCEPTED")).body("grantId", notNullValue())
                .extract().path("grantId");
        given().header("Authorization", asOutsider).header("If-Match", "\"0\"")
                .post("/api/v1/people/me/invitations/" + roleOffer + "/accept").then().statusCode(412);
        given().header("Authorization", asOutsider).header("If-Match", "\"1\"")
                .post("/api/v1/people/me/invitations/" + roleOffer + "/decline").then().statusCode(409);
        assertThat(count("select count(*) from outbox_event where event_type = 'cn.grid.grid.assignment.started.v1' "
                + "and payload like '%' || ? || '%'", assignment)).isEqualTo(1);
        given().header("Authorization", asOutsider).header("If-Match", "\"0\"")
                .post("/api/v1/people/me/invitations/" + orgOffer + "/accept").then().statusCode(200);
        given().header("Authorization", asOutsider).header("If-Match", "\"0\"")
                .post("/api/v1/people/me/invitations/" + teamOffer + "/decline")
                .then().statusCode(200).body("status", equalTo("DECLINED"));
        assertThat(count("select count(*) from team_member where person_id = ?::uuid", outsider)).isZero();
        assertThat(count("select count(*) from party_org_membership where person_id = ?::uuid", outsider))
                .isEqualTo(1);
        given().header("Authorization", asOutsider).get("/api/v1/people/me/work")
                .then().body("counts.INVITATION_TO_ANSWER", equalTo(0));

        // having accepted, the person is within the area: the admin reads them and grants directly
        given().header("Authorization", asAdminOfA).get("/api/v1/people/" + outsider).then().statusCode(200);
        given().header("Authorization", asAdminOfA).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\"}".formatted(outsider))
                .when().post("/api/v1/grids/" + streetA + "/teams/" + teamOfA + "/members")
                .then().statusCode(201);
    }

    @Test
    void aPersonReadsTheirOwnRecord() {
        String root = district();
        String community = child(child(root, "STREET", "S", "南沙街道"), "COMMUNITY", "C", "金洲社区");
        String grid = child(community, "GRID", "G", "金洲第一网格");
        String myLogin = subject("me");
        String me = personWithLogin(grid, "林党员", myLogin);
        String neighbour = personWithLogin(grid, "邻居", subject("neighbour"));
        assign(grid, me, "GRID_WORKER", "2025-01-01", "2025-12-31", null);
        assign(community, me, "VOLUNTEER", "2026-01-01", null, null);
        String branch = org(ADMIN, "金洲社区党委", "PARTY_COMMITTEE", null, null, community, 201);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"MEMBER\", \"startDate\": \"2024-07-01\"}"
                        .formatted(me))
                .post("/api/v1/party-orgs/" + branch + "/members").then().statusCode(201);
        String team = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"kind\": \"LECTURE\", \"name\": \"金洲宣讲队\"}")
                .post("/api/v1/grids/" + community + "/teams").then().statusCode(201).extract().path("id");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"leader\": true}".formatted(me))
                .post("/api/v1/grids/" + community + "/teams/" + team + "/members").then().statusCode(201);
        String asMe = login(myLogin, Roles.PARTY_MEMBER);

        given().header("Authorization", asMe).get("/api/v1/people/me")
                .then().statusCode(200)
                .body("person.id", equalTo(me))
                .body("person.phone", equalTo("13912345678"))
                .body("person.address", equalTo("金洲小区 2 栋"))
                .body("home.name", equalTo("金洲第一网格"))
                .body("home.level", equalTo("GRID"))
                .body("roles", hasSize(2))
                .body("roles[0].role", equalTo("GRID_WORKER"))
                .body("roles[0].nodeName", equalTo("金洲第一网格"))
                .body("roles[0].endDate", equalTo("2025-12-31"))
                .body("roles[1].role", equalTo("VOLUNTEER"))
                .body("roles[1].nodeName", equalTo("金洲社区"))
                .body("organisations[0].orgName", equalTo("金洲社区党委"))
                .body("organisations[0].role", equalTo("MEMBER"))
                .body("organisations[0].startDate", equalTo("2024-07-01"))
                .body("teams[0].teamName", equalTo("金洲宣讲队"))
                .body("teams[0].role", equalTo("LEADER"));
        // their own person record and history, not anyone else's
        given().header("Authorization", asMe).get("/api/v1/people/" + me)
                .then().statusCode(200).body("phone", equalTo("13912345678"));
        given().header("Authorization", asMe).get("/api/v1/people/" + me + "/assignments")
                .then().statusCode(200).body("items", hasSize(2));
        given().header("Authorization", asMe).get("/api/v1/people/" + neighbour).then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", asMe).get("/api/v1/people/" + neighbour + "/assignments")
                .then().statusCode(403);
    }

    private static String invite(String token, String person, String body) {
        return inviting(token, person, body).then().statusCode(201)
                .body("status", equalTo("PENDING")).body("personId", equalTo(person))
                .extract().path("id");
    }

    private static io.restassured.response.Response inviting(String token, String person, String body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/people/" + person + "/invitations");
    }

    private static String personWithoutLogin(String home) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"无账号\", \"homeNodeId\": \"%s\"}".formatted(home))
                .when().post("/api/v1/people").then().statusCode(201).extract().path("id");
    }

    /** Assignments, memberships and team places of the person. */
    private long rowsOf(String person) throws SQLException {
        return count("select (select count(*) from assignment where person_id = ?::uuid)"
                + " + (select count(*) from party_org_membership where person_id = ?::uuid)"
                + " + (select count(*) from team_member where person_id = ?::uuid)", person, person, person);
    }

    private long eventsMentioning(String person) throws SQLException {
        return count("select count(*) from outbox_event where payload like '%' || ? || '%'", person);
    }

    private long count(String sql, String... parameters) throws SQLException {
        return SqlCount.of(dataSource, sql, (Object[]) parameters);
    }
}
