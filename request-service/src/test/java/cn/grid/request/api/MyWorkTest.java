package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.grid.request.api.RequestLifecycleTest.move;
import static cn.grid.request.api.RequestLifecycleTest.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * GET /api/v1/requests/me/work: what waits for the caller's person, their teams and the grids they are staff of,
 * as the registry read models say — with tokens that carry no grid_scope.
 */
@QuarkusTest
class MyWorkTest {

    static final UUID DISTRICT = UUID.randomUUID();
    static final UUID STREET = UUID.randomUUID();
    static final UUID GRID = UUID.randomUUID();
    static final UUID ELSEWHERE = UUID.randomUUID();
    static final String STREET_PATH = "/" + DISTRICT + "/" + STREET + "/";
    static final String GRID_PATH = STREET_PATH + GRID + "/";
    static final String CITIZEN = token("mw-citizen", null, Roles.CITIZEN);
    static final String WORKER = token("mw-worker", null, Roles.STAFF);
    /** the same worker with a token narrowed to the street */
    static final String WORKER_IN_STREET = token("mw-worker", STREET.toString(), Roles.STAFF);
    static final String MEMBER = token("mw-member", null, Roles.PARTY_MEMBER);
    static final String OTHER_WORKER = token("mw-other-worker", null, Roles.STAFF);
    static UUID member;
    static UUID team;
    private static boolean known;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void registry() {
        if (known) {
            return;
        }
        KnownGrids.chain(new UUID[] {DISTRICT, STREET, GRID}, new String[] {"长沙县", "春华镇", "春华一网格"});
        cn.grid.testsupport.TestGridEvents.nodeCreated(ELSEWHERE, null, "/" + ELSEWHERE + "/", "DISTRICT", "E",
                "桃源县");
        KnownGrids.awaitKnown(ELSEWHERE);
        RegistryFixture.person(db, "mw-worker", "罗网格员", STREET, STREET_PATH, "GRID_WORKER");
        RegistryFixture.person(db, "mw-other-worker", "外区网格员", ELSEWHERE, "/" + ELSEWHERE + "/", "GRID_WORKER");
        member = RegistryFixture.person(db, "mw-member", "彭党员", GRID, GRID_PATH, "PARTY_MEMBER");
        team = RegistryFixture.team(db, "春华志愿队", STREET, STREET_PATH, "ACTIVE", Map.of(member, "mw-member"));
        known = true;
    }

    static String submit(String type, String title) {
        return given().header("Authorization", CITIZEN).contentType(ContentType.JSON)
                .body("{\"type\": \"" + type + "\", \"title\": \"" + title + "\", \"gridNodeId\": \"" + GRID + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
    }

    static JsonPath work(String token) {
        return given().header("Authorization", token).get("/api/v1/requests/me/work").then().statusCode(200)
                .extract().jsonPath();
    }

    static List<String> ids(JsonPath work, String kind) {
        return work.getList("items.findAll { it.kind == '" + kind + "' }.id");
    }

    @Test
    void eachKindListsWhatWaitsForMeMyTeamsAndMyGrids() throws Exception {
        String waiting = submit("PROBLEM_REPORT", "路灯不亮");
        String toMe = submit("PROBLEM_REPORT", "下水道堵塞");
        String toTeam = submit("SERVICE", "独居老人送餐");
        String wish = submit("MICRO_WISH", "想要一副老花镜");
        for (String id : List.of(toMe, toTeam, wish)) {
            move(WORKER_IN_STREET, id, "accept", null).statusCode(200);
        }
        move(WORKER_IN_STREET, toMe, "dispatch", "{\"targetType\": \"PERSON\", \"targetId\": \"" + member + "\"}")
                .statusCode(200);
        move(WORKER_IN_STREET, toTeam, "dispatch", "{\"targetType\": \"TEAM\", \"targetId\": \"" + team + "\"}")
                .statusCode(200);
        // the response clock of the waiting ticket ran out (the sweep's marking is SlaAndEscalationTest's)
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("update service_request set respond_overdue = true where id = ?")) {
            s.setObject(1, UUID.fromString(waiting));
            s.executeUpdate();
        }

        JsonPath worker = work(WORKER);
        assertThat(ids(worker, "TICKET_AWAITING_ACCEPTANCE")).containsExactly(waiting);
        assertThat(ids(worker, "TICKET_AWAITING_SIGNING")).containsExactlyInAnyOrder(toMe, toTeam);
        assertThat(ids(worker, "TICKET_OVERDUE")).containsExactly(waiting);
        assertThat(ids(worker, "TICKET_DISPATCHED_TO_ME")).isEmpty();
        assertThat(worker.getMap("counts")).containsEntry("TICKET_AWAITING_SIGNING", 2)
                .containsEntry("WISH_CLAIMABLE", 0);
        assertThat(worker.getBoolean("truncated")).isFalse();
        assertThat(worker.getString("items.find { it.id == '" + waiting + "' }.href"))
                .isEqualTo("/api/v1/requests/" + waiting);
        assertThat(worker.getString("items.find { it.id == '" + waiting + "' }.gridNodeId")).isEqualTo(GRID.toString());

        JsonPath mine = work(MEMBER);
        assertThat(ids(mine, "TICKET_DISPATCHED_TO_ME")).containsExactly(toMe);
        assertThat(ids(mine, "TICKET_DISPATCHED_TO_MY_TEAM")).containsExactly(toTeam);
        assertThat(ids(mine, "WISH_CLAIMABLE")).containsExactly(wish);
        assertThat(ids(mine, "TICKET_AWAITING_ACCEPTANCE")).isEmpty();
        assertThat(mine.getString("items.find { it.id == '" + toMe + "' }.status")).isEqualTo("DISPATCHED");
        assertThat(mine.getString("items.find { it.id == '" + toMe + "' }.dueAt")).isNotNull();

        // signed by the member: still theirs to work on, no longer waiting for the grid to sign
        move(MEMBER, toMe, "sign", null).statusCode(200);
        assertThat(work(MEMBER).getString("items.find { it.id == '" + toMe + "' }.status")).isEqualTo("SIGNED");
        assertThat(ids(work(WORKER), "TICKET_AWAITING_SIGNING")).containsExactly(toTeam);

        // a worker of another district sees none of it
        JsonPath other = work(OTHER_WORKER);
        for (String id : List.of(waiting, toMe, toTeam, wish)) {
            assertThat(other.getList("items.id")).doesNotContain(id);
        }
    }

    @Test
    void aTokensGridScopeOnlyNarrowsAndAnUnknownLoginHasNothingToDo() {
        String waiting = submit("PROBLEM_REPORT", "井盖缺失");
        // scoped to the grid below the worker's street: still theirs
        assertThat(ids(work(token("mw-worker", GRID.toString(), Roles.STAFF)), "TICKET_AWAITING_ACCEPTANCE"))
                .contains(waiting);
        // scoped to another district: the registry's grant does not reach there, the scope gives nothing
        assertThat(ids(work(token("mw-worker", ELSEWHERE.toString(), Roles.STAFF)),
                "TICKET_AWAITING_ACCEPTANCE")).isEmpty();
        // a scope is no grant: a stranger scoped to the street has nothing
        given().header("Authorization", token("mw-nobody", STREET.toString(), Roles.STAFF))
                .get("/api/v1/requests/me/work").then().statusCode(200)
                .body("items", equalTo(List.of())).body("counts.TICKET_AWAITING_ACCEPTANCE", equalTo(0));
        given().get("/api/v1/requests/me/work").then().statusCode(401);
    }
}
