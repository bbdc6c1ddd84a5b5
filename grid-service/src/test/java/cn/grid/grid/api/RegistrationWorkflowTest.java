package cn.grid.grid.api;

import cn.grid.testsupport.EventContract;
import cn.grid.testsupport.SqlCount;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static cn.grid.grid.api.GridNodeResourceTest.district;
import static cn.grid.grid.api.GridTreeOperationsTest.child;
import static cn.grid.grid.api.PeopleTest.assign;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * 居住地报到 as a workflow: the member reports in, the grid's worker or the community decides, the member sees the
 * outcome; grid workers record registrations directly in their own grids. Refusals save nothing and publish nothing.
 * A request is announced when made (registration.submitted, for its reviewers) and when decided
 * (registration.reviewed, for the member).
 */
@QuarkusTest
class RegistrationWorkflowTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("admin-1", null, Roles.DISTRICT_ADMIN);
    private static final String REGISTERED = "cn.grid.grid.party-member.registered.v1";
    private static final String SUBMITTED = "cn.grid.grid.registration.submitted.v1";
    private static final String REVIEWED = "cn.grid.grid.registration.reviewed.v1";

    @Inject
    AgroalDataSource dataSource;

    /** A person living at {@code home} whose login is {@code subject}. */
    static String personWithLogin(String home, String name, String subject) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "phone": "13912345678", "address": "金洲小区 2 栋", "homeNodeId": "%s",
                         "subject": "%s"}""".formatted(name, home, subject))
                .when().post("/api/v1/people")
                .then().statusCode(201).extract().path("id");
    }

    /** A token for a login, with the given roles and no grid scope: what the person is comes from the registry. */
    static String login(String subject, String... roles) {
        return "Bearer " + TestJwt.token(subject, null, roles);
    }

    static String subject(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void aMemberReportsInAndTheGridWorkerApproves() throws SQLException {
        String community = child(child(district(), "STREET", "NS", "南沙街道"), "COMMUNITY", "JZ", "金洲社区");
        String grid = child(community, "GRID", "G1", "金洲第一网格");
        String otherGrid = child(community, "GRID", "G2", "金洲第二网格");
        String memberLogin = subject("member");
        String member = personWithLogin(grid, "陈党员", memberLogin);
        String workerLogin = subject("worker");
        assign(grid, personWithLogin(grid, "网格员", workerLogin), "GRID_WORKER", "2026-01-01", null, null);
        String otherWorkerLogin = subject("worker2");
        assign(otherGrid, personWithLogin(otherGrid, "邻格网格员", otherWorkerLogin), "GRID_WORKER", "2026-01-01",
                null, null);
        String asMember = login(memberLogin, Roles.CITIZEN);
        String asWorker = login(workerLogin, Roles.STAFF);
        String asOtherWorker = login(otherWorkerLogin, Roles.STAFF);

        String key = UUID.randomUUID().toString();
        String request = given().header("Authorization", asMember).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{\"workOrganisation\": \"南沙区税务局\"}")
                .when().post("/api/v1/grids/" + grid + "/registrations")
                .then().statusCode(201).header("ETag", "\"0\"")
                .body("status", equalTo("PENDING")).body("personId", equalTo(member))
                .body("workOrganisation", equalTo("南沙区税务局"))
                .extract().path("id");
        given().header("Authorization", asMember).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{\"workOrganisation\": \"南沙区税务局\"}")
                .when().post("/api/v1/grids/" + grid + "/registrations")
                .then().statusCode(201).header("Idempotency-Replayed", "true").body("id", equalTo(request));
        // one pending request per person and grid
        given().header("Authorization", asMember).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/grids/" + grid + "/registrations")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(events(REGISTERED, member)).isZero();
        // announced once, for the grid's reviewers: who asks, where, for which work organisation
        assertThat(events(SUBMITTED, member)).isEqualTo(1);
        String submitted = outboxed(SUBMITTED, request).get(0);
        EventContract.assertMatchesExample(submitted, "grid.registration.submitted.v1");
        JsonPath asked = JsonPath.from(submitted).setRootPath("data");
        assertThat(asked.getString("registrationId")).isEqualTo(request);
        assertThat(asked.getString("personId")).isEqualTo(member);
        assertThat(asked.getString("subject")).isEqualTo(memberLogin);
        assertThat(asked.getString("personName")).isEqualTo("陈党员");
        assertThat(asked.getString("gridNodeId")).isEqualTo(grid);
        assertThat(asked.getString("gridPath")).startsWith("/").endsWith("/" + community + "/" + grid + "/");
        assertThat(asked.getString("workOrganisation")).isEqualTo("南沙区税务局");
        assertThat(asked.getString("submittedAt")).isNotNull();
        assertThat(outboxed(REVIEWED, request)).isEmpty();
        given().header("Authorization", asMember).get("/api/v1/people/me/registrations")
                .then().statusCode(200)
                .body("requests", hasSize(1)).body("requests[0].status", equalTo("PENDING"))
                .body("requests[0].nodeName", equalTo("金洲第一网格"))
                .body("registrations", hasSize(0));

        // the grid's worker finds it in their work list; the neighbouring grid's worker does not, and may not decide
        given().header("Authorization", asWorker).get("/api/v1/people/me/work")
                .then().statusCode(200)
                .body("counts.REGISTRATION_TO_REVIEW", equalTo(1))
                .body("items[0].kind", equalTo("REGISTRATION_TO_REVIEW"))
                .body("items[0].id", equalTo(request))
                .body("items[0].gridNodeId", equalTo(grid))
                .body("items[0].href", equalTo("/api/v1/grids/" + grid + "/registrations/" + request + "/approve"))
                .body("truncated", equalTo(false));
        given().header("Authorization", asOtherWorker).get("/api/v1/people/me/work")
                .then().statusCode(200).body("counts.REGISTRATION_TO_REVIEW", equalTo(0)).body("items", hasSize(0));
        given().header("Authorization", asOtherWorker).header("If-Match", "\"0\"")
                .when().post("/api/v1/grids/" + grid + "/registrations/" + request + "/approve")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", asMember).header("If-Match", "\"0\"")
                .when().post("/api/v1/grids/" + grid + "/registrations/" + request + "/approve")
                .then().statusCode(403);
        given().header("Authorization", asWorker).get("/api/v1/grids/" + grid + "/registrations?status=PENDING")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].personName", equalTo("陈党员"));
        assertThat(events(REGISTERED, member)).isZero();

        given().header("Authorization", asWorker)
                .when().post("/api/v1/grids/" + grid + "/registrations/" + request + "/approve")
                .then().statusCode(428);
        String assignment = given().header("Authorization", asWorker).header("If-Match", "\"0\"")
                .when().post("/api/v1/grids/" + grid + "/registrations/" + request + "/approve")
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("APPROVED")).body("decidedBy", equalTo(workerLogin))
                .body("assignmentId", notNullValue())
                .extract().path("assignmentId");
        // a second decision: stale If-Match, or a fresh one on a decided request
        given().header("Authorization", asWorker).header("If-Match", "\"0\"")
                .when().post("/api/v1/grids/" + grid + "/registrations/" + request + "/approve")
                .then().statusCode(412);
        given().header("Authorization", asWorker).header("If-Match", "\"1\"")
                .when().post("/api/v1/grids/" + grid + "/registrations/" + request + "/approve")
                .then().statusCode(409);
        assertThat(events(REGISTERED, member)).isEqualTo(1);
        assertThat(events(REGISTERED, assignment)).isEqualTo(1);
        // the decision, once, for the member: approved, with the registration it started
        List<String> reviewed = outboxed(REVIEWED, request);
        assertThat(reviewed).hasSize(1);
        EventContract.assertMatchesExample(reviewed.get(0), "grid.registration.reviewed.v1");
        JsonPath decided = JsonPath.from(reviewed.get(0)).setRootPath("data");
        assertThat(decided.getString("decision")).isEqualTo("APPROVED");
        assertThat(decided.getString("assignmentId")).isEqualTo(assignment);
        assertThat(decided.getString("reviewedBy")).isEqualTo(workerLogin);
        assertThat(decided.getString("reason")).isNull();
        assertThat(decided.getString("personId")).isEqualTo(member);
        assertThat(decided.getString("subject")).isEqualTo(memberLogin);
        assertThat(decided.getString("gridNodeId")).isEqualTo(grid);
        assertThat(decided.getString("reviewedAt")).isNotNull();

        given().header("Authorization", asMember).get("/api/v1/people/me/registrations")
                .then().statusCode(200)
                .body("requests[0].status", equalTo("APPROVED"))
                .body("registrations", hasSize(1))
                .body("registrations[0].id", equalTo(assignment))
                .body("registrations[0].role", equalTo("PARTY_MEMBER"))
                .body("registrations[0].workOrganisation", equalTo("南沙区税务局"))
                .body("registrations[0].nodeName", equalTo("金洲第一网格"))
                .body("registrations[0].endDate", nullValue());
        given().header("Authorization", asWorker).get("/api/v1/people/me/work")
                .then().statusCode(200).body("counts.REGISTRATION_TO_REVIEW", equalTo(0));
        // registered now: asking again is a conflict
        given().header("Authorization", asMember).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/grids/" + grid + "/registrations")
                .then().statusCode(409).body("detail", containsString("already registered"));
    }

    @Test
    void theCommunityRejectsWithAReasonAndMembersWithdraw() throws SQLException {
        String community = child(child(district(), "STREET", "LH", "龙华街道"), "COMMUNITY", "QH", "清河社区");
        String grid = child(community, "GRID", "G1", "清河第一网格");
        String memberLogin = subject("member");
        String member = personWithLogin(grid, "李党员", memberLogin);
        String asMember = login(memberLogin, Roles.PARTY_MEMBER);
        String asCommunity = RegistryLogins.orgAdmin(community);

        String first = submit(asMember, grid);
        given().header("Authorization", asCommunity).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("{}").when().post("/api/v1/grids/" + grid + "/registrations/" + first + "/reject")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("reason"));
        given().header("Authorization", asCommunity).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("{\"reason\": \"   \"}").when().post("/api/v1/grids/" + grid + "/registrations/" + first + "/reject")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().header("Authorization", asMember).get("/api/v1/people/me/registrations")
                .then().body("requests[0].status", equalTo("PENDING"));
        assertThat(outboxed(REVIEWED, first)).as("refused rejections announce nothing").isEmpty();
        String rejectedBy = given().header("Authorization", asCommunity).header("If-Match", "\"0\"")
                .contentType(ContentType.JSON).body("{\"reason\": \"不在本网格居住\"}")
                .when().post("/api/v1/grids/" + grid + "/registrations/" + first + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("reason", equalTo("不在本网格居住"))
                .extract().path("decidedBy");
        JsonPath rejected = JsonPath.from(outboxed(REVIEWED, first).get(0)).setRootPath("data");
        assertThat(rejected.getString("decision")).isEqualTo("REJECTED");
        assertThat(rejected.getString("reason")).isEqualTo("不在本网格居住");
        assertThat(rejected.getString("reviewedBy")).isEqualTo(rejectedBy).isNotNull();
        assertThat(rejected.getString("assignmentId")).isNull();
        assertThat(rejected.getString("subject")).isEqualTo(memberLogin);
        given().header("Authorization", asMember).get("/api/v1/people/me/registrations")
                .then().body("requests[0].status", equalTo("REJECTED"))
                .body("requests[0].reason", equalTo("不在本网格居住"))
                .body("registrations", hasSize(0));

        // a second request, withdrawn by the member (only by them), then no reviewer can approve it
        String second = submit(asMember, grid);
        String someoneElse = subject("other");
        personWithLogin(grid, "路人", someoneElse);
        given().header("Authorization", login(someoneElse, Roles.CITIZEN)).header("If-Match", "\"0\"")
                .when().post("/api/v1/people/me/registrations/" + second + "/withdraw")
                .then().statusCode(404);
        given().header("Authorization", asMember).header("If-Match", "\"0\"")
                .when().post("/api/v1/people/me/registrations/" + second + "/withdraw")
                .then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        given().header("Authorization", asCommunity).header("If-Match", "\"1\"")
                .when().post("/api/v1/grids/" + grid + "/registrations/" + second + "/approve")
                .then().statusCode(409).body("detail", containsString("WITHDRAWN"));
        given().header("Authorization", asMember).get("/api/v1/people/me/registrations")
                .then().body("requests.status", equalTo(List.of("WITHDRAWN", "REJECTED")));
        // the withdrawal is announced once (reviewers stop waiting for it); the late approval announces nothing
        List<String> withdrawn = outboxed(REVIEWED, second);
        assertThat(withdrawn).hasSize(1);
        JsonPath takenBack = JsonPath.from(withdrawn.get(0)).setRootPath("data");
        assertThat(takenBack.getString("decision")).isEqualTo("WITHDRAWN");
        assertThat(takenBack.getString("reviewedBy")).isEqualTo(memberLogin);
        assertThat(outboxed(SUBMITTED, second)).hasSize(1);
        assertThat(events(REGISTERED, member)).isZero();
        assertThat(count("select count(*) from assignment where person_id = ?::uuid", member)).isZero();

        // nobody decides their own request, even a worker of that grid
        String workerLogin = subject("worker");
        String worker = personWithLogin(grid, "网格员", workerLogin);
        assign(grid, worker, "GRID_WORKER", "2026-01-01", null, null);
        String own = submit(login(workerLogin, Roles.STAFF), grid);
        given().header("Authorization", login(workerLogin, Roles.STAFF)).header("If-Match", "\"0\"")
                .when().post("/api/v1/grids/" + grid + "/registrations/" + own + "/approve")
                .then().statusCode(403).body("detail", containsString("own"));
        given().header("Authorization", login(workerLogin, Roles.STAFF)).get("/api/v1/people/me/work")
                .then().body("counts.REGISTRATION_TO_REVIEW", equalTo(0));
        given().header("Authorization", asCommunity).get("/api/v1/people/me/work")
                .then().body("counts.REGISTRATION_TO_REVIEW", equalTo(1))
                .body("items[0].id", equalTo(own));
    }

    @Test
    void aLoginWithoutAPersonCannotReportInAndHasNoRecord() {
        String grid = child(district(), "STREET", "S", "街道");
        String stranger = login(subject("nobody"), Roles.CITIZEN);
        given().header("Authorization", stranger).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/grids/" + grid + "/registrations")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("linked to no person"));
        given().header("Authorization", stranger).get("/api/v1/people/me")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", stranger).get("/api/v1/people/me/registrations").then().statusCode(404);
        given().header("Authorization", stranger).get("/api/v1/people/me/work")
                .then().statusCode(200).body("items", hasSize(0));
        given().get("/api/v1/people/me").then().statusCode(401);
        // an unknown grid
        String memberLogin = subject("member");
        personWithLogin(grid, "某党员", memberLogin);
        given().header("Authorization", login(memberLogin, Roles.CITIZEN)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/grids/" + UUID.randomUUID() + "/registrations")
                .then().statusCode(404);
    }

    @Test
    void gridWorkersRecordRegistrationsInTheirOwnGridsOnly() throws SQLException {
        String community = child(child(district(), "STREET", "PJ", "盘江镇"), "COMMUNITY", "HX", "河西村");
        String grid = child(community, "GRID", "G1", "河西一组网格");
        String otherGrid = child(community, "GRID", "G2", "河西二组网格");
        String resident = personWithLogin(grid, "王党员", subject("resident"));
        String neighbour = personWithLogin(otherGrid, "赵党员", subject("neighbour"));
        String asWorker = RegistryLogins.gridWorker(grid);

        given().header("Authorization", asWorker).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"PARTY_MEMBER\"}".formatted(resident))
                .when().post("/api/v1/grids/" + grid + "/assignments")
                .then().statusCode(201).body("role", equalTo("PARTY_MEMBER"));
        assertThat(events(REGISTERED, resident)).isEqualTo(1);
        // appointing is for administrators
        given().header("Authorization", asWorker).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"VOLUNTEER\"}".formatted(resident))
                .when().post("/api/v1/grids/" + grid + "/assignments")
                .then().statusCode(403).body("errors[0].field", equalTo("role"));
        // another grid, or a person of another grid
        given().header("Authorization", asWorker).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"PARTY_MEMBER\"}".formatted(neighbour))
                .when().post("/api/v1/grids/" + otherGrid + "/assignments")
                .then().statusCode(403);
        given().header("Authorization", asWorker).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"PARTY_MEMBER\"}".formatted(neighbour))
                .when().post("/api/v1/grids/" + grid + "/assignments")
                .then().statusCode(403).body("errors[0].field", equalTo("personId"));
        assertThat(count("select count(*) from assignment where person_id = ?::uuid", neighbour)).isZero();
        assertThat(events(REGISTERED, neighbour)).isZero();
    }

    @Test
    void aPendingRequestMovesWithItsGrid() {
        String street = child(district(), "STREET", "ZY", "沾益街道");
        String from = child(street, "COMMUNITY", "A", "甲社区");
        String to = child(street, "COMMUNITY", "B", "乙社区");
        String grid = child(from, "GRID", "G", "网格");
        String memberLogin = subject("member");
        personWithLogin(grid, "搬迁党员", memberLogin);
        String request = submit(login(memberLogin, Roles.CITIZEN), grid);
        String staffOfTo = RegistryLogins.orgAdmin(to);
        given().header("Authorization", staffOfTo).get("/api/v1/people/me/work")
                .then().body("counts.REGISTRATION_TO_REVIEW", equalTo(0));

        given().header("Authorization", ADMIN).header("If-Match", GridTreeOperationsTest.etag(grid))
                .contentType(ContentType.JSON).body("{\"parentId\": \"%s\"}".formatted(to))
                .when().post("/api/v1/grids/" + grid + "/move").then().statusCode(200);
        given().header("Authorization", staffOfTo).get("/api/v1/people/me/work")
                .then().body("counts.REGISTRATION_TO_REVIEW", equalTo(1)).body("items[0].id", equalTo(request));
        given().header("Authorization", RegistryLogins.orgAdmin(from))
                .header("If-Match", "\"0\"")
                .when().post("/api/v1/grids/" + grid + "/registrations/" + request + "/approve")
                .then().statusCode(403);
        given().header("Authorization", staffOfTo).header("If-Match", "\"0\"")
                .when().post("/api/v1/grids/" + grid + "/registrations/" + request + "/approve")
                .then().statusCode(200);
    }

    private static String submit(String token, String grid) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/grids/" + grid + "/registrations")
                .then().statusCode(201).body("status", equalTo("PENDING"))
                .header("Location", containsString("/api/v1/grids/" + grid + "/registrations/")).extract().path("id");
    }

    private long events(String type, String id) throws SQLException {
        return count("select count(*) from outbox_event where event_type = ? and payload like '%' || ? || '%'",
                type, id);
    }

    /** The CloudEvents of a type about one aggregate (the outbox row's key), in commit order. */
    private List<String> outboxed(String type, String key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select payload from outbox_event where event_type = ? and event_key = ? order by seq")) {
            s.setString(1, type);
            s.setString(2, key);
            List<String> payloads = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    payloads.add(rs.getString(1));
                }
            }
            return payloads;
        }
    }

    private long count(String sql, String... parameters) throws SQLException {
        return SqlCount.of(dataSource, sql, (Object[]) parameters);
    }
}
