package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.request.app.SlaSweepService;
import cn.grid.testsupport.EventContract;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static cn.grid.request.api.RequestLifecycleTest.events;
import static cn.grid.request.api.RequestLifecycleTest.move;
import static cn.grid.request.api.RequestLifecycleTest.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The clocks of a ticket (受理/首次响应, 签收, 办结): deadlines from its category, overdue marks and events from
 * the sweep, escalation up the tree by hand and on its own, extensions, and the rates built on them. The sweep
 * is driven with a clock set ahead instead of waiting for real deadlines.
 */
@QuarkusTest
class SlaAndEscalationTest {

    static final UUID DISTRICT = UUID.randomUUID();
    static final UUID STREET = UUID.randomUUID();
    static final UUID COMMUNITY = UUID.randomUUID();
    static final UUID GRID = UUID.randomUUID();
    static final String CITIZEN = token("sla-citizen", null, Roles.CITIZEN);
    static final String WORKER = token("sla-worker-" + GRID, null, Roles.STAFF);
    static final String DISTRICT_ADMIN = token("sla-admin", DISTRICT.toString(), Roles.DISTRICT_ADMIN);
    private static boolean treeKnown;

    @Inject
    SlaSweepService sweep;

    @BeforeEach
    void tree() {
        if (treeKnown) {
            return;
        }
        treeKnown = true;
        KnownGrids.chain(new UUID[] {DISTRICT, STREET, COMMUNITY, GRID}, new String[] {"南沙区", "榄核镇", "绿村",
                "绿村第一网格"});
        // what the registry makes these logins (their tokens' registry roles are not believed)
        String gridPath = "/" + DISTRICT + "/" + STREET + "/" + COMMUNITY + "/" + GRID + "/";
        TestRegistry.assign("sla-worker-" + GRID, GRID, gridPath, "GRID_WORKER");
        TestRegistry.assign("sla-member-" + GRID, GRID, gridPath, "PARTY_MEMBER");
    }

    static String submit(String category, String attributes) {
        return given().header("Authorization", CITIZEN).contentType(ContentType.JSON)
                .body("{\"category\": \"" + category + "\", \"title\": \"水管爆裂\", \"gridNodeId\": \"" + GRID + "\""
                        + (attributes == null ? "" : ", \"attributes\": " + attributes) + "}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
    }

    static JsonPath ticket(String id) {
        return given().header("Authorization", CITIZEN).get("/api/v1/requests/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void overdueClocksAreMarkedOnceAnnouncedAndClimbTheTree() {
        String id = submit("water-pipe", "{\"water_cut\": \"yes\"}");
        JsonPath fresh = ticket(id);
        OffsetDateTime submitted = OffsetDateTime.parse(fresh.getString("submittedAt"));
        // water-pipe: 60 min to answer, 120 to sign from each dispatch, 1440 to resolve
        assertThat(OffsetDateTime.parse(fresh.getString("sla.respondDueAt"))).isEqualTo(submitted.plusMinutes(60));
        assertThat(OffsetDateTime.parse(fresh.getString("sla.resolveDueAt"))).isEqualTo(submitted.plusMinutes(1440));
        assertThat(fresh.getString("sla.signDueAt")).isNull();
        assertThat(fresh.getString("sla.responsibleNodeId")).isEqualTo(GRID.toString());

        sweep.sweep(OffsetDateTime.now().plusMinutes(30));
        assertThat(ticket(id).getList("sla.overdue")).isEmpty();

        sweep.sweep(OffsetDateTime.now().plusMinutes(61));
        JsonPath late = ticket(id);
        assertThat(late.getList("sla.overdue")).containsExactly("RESPOND");
        assertThat(late.getString("sla.responsibleNodeId")).isEqualTo(COMMUNITY.toString());
        assertThat(late.getInt("sla.escalationLevel")).isEqualTo(1);
        assertThat(late.getString("status")).isEqualTo("SUBMITTED");
        // a second sweep of the same clock marks nothing more
        sweep.sweep(OffsetDateTime.now().plusMinutes(62));
        assertThat(ticket(id).getInt("sla.escalationLevel")).isEqualTo(1);

        move(WORKER, id, "accept", null).statusCode(200).body("sla.overdue", equalTo(List.of()));
        move(WORKER, id, "dispatch", "{\"targetType\": \"PERSON\", \"targetId\": \"sla-worker-" + GRID + "\"}").statusCode(200);
        sweep.sweep(OffsetDateTime.now().plusMinutes(121));
        assertThat(ticket(id).getList("sla.overdue")).containsExactly("SIGN");
        assertThat(ticket(id).getString("sla.responsibleNodeId")).isEqualTo(STREET.toString());
        move(WORKER, id, "sign", null).statusCode(200).body("sla.overdue", equalTo(List.of()));

        // (the sweep ran with its clock set ahead, so its records sort after the real moves)
        JsonPath timeline = given().header("Authorization", WORKER).get("/api/v1/requests/" + id + "/timeline")
                .then().statusCode(200).extract().jsonPath();
        assertThat(timeline.getList("items.action")).containsExactlyInAnyOrder("OVERDUE", "ESCALATE", "ACCEPT",
                "DISPATCH", "OVERDUE", "ESCALATE", "SIGN");
        assertThat(timeline.getList("items.findAll { it.action == 'OVERDUE' }.actor")).containsOnly("sla");
        assertThat(timeline.getList("items.findAll { it.action == 'OVERDUE' }.reason", String.class))
                .anyMatch(r -> r.startsWith("RESPOND was due at")).anyMatch(r -> r.startsWith("SIGN was due at"));

        List<ConsumerRecord<String, String>> published = events(id, 7);
        ConsumerRecord<String, String> overdue = published.stream()
                .filter(r -> r.value().contains("cn.grid.request.overdue.v1")).findFirst().orElseThrow();
        ConsumerRecord<String, String> escalated = published.stream()
                .filter(r -> r.value().contains("cn.grid.request.escalated.v1")).findFirst().orElseThrow();
        EventContract.assertMatchesExample(overdue.value(), "request.overdue.v1");
        EventContract.assertMatchesExample(escalated.value(), "request.escalated.v1");
        assertThat(escalated.value()).contains("\"automatic\":true", "\"toNodeId\":\"" + COMMUNITY + "\"",
                "\"level\":1");
        assertThat(published.stream().filter(r -> r.value().contains("cn.grid.request.escalated.v1"))).hasSize(2);
    }

    @Test
    void categoriesWithoutAutoEscalationAreMarkedButStayPut() {
        String id = given().header("Authorization", CITIZEN).contentType(ContentType.JSON)
                .body("{\"category\": \"policy\", \"title\": \"低保怎么申请\", \"gridNodeId\": \"" + COMMUNITY + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
        sweep.sweep(OffsetDateTime.now().plusMinutes(241));
        JsonPath late = ticket(id);
        assertThat(late.getList("sla.overdue")).containsExactly("RESPOND");
        assertThat(late.getInt("sla.escalationLevel")).isZero();
    }

    @Test
    void staffEscalateByHandUpToTheTopAndTheHigherLevelSeesItsQueue() {
        String id = submit("neighbour-dispute", null);
        move(CITIZEN, id, "escalate", "{\"reason\": \"我要督办\"}").statusCode(403);
        move(WORKER, id, "escalate", "{}").statusCode(400);
        move(WORKER, id, "escalate", "{\"reason\": \"吹哨：需要社区协调\"}").statusCode(200)
                .body("sla.responsibleNodeId", equalTo(COMMUNITY.toString())).body("status", equalTo("SUBMITTED"));
        move(WORKER, id, "escalate", "{\"reason\": \"社区协调不了\"}").statusCode(200);
        move(DISTRICT_ADMIN, id, "escalate", "{\"reason\": \"区级督办\"}").statusCode(200)
                .body("sla.responsibleNodeId", equalTo(DISTRICT.toString())).body("sla.escalationLevel", equalTo(3));
        move(DISTRICT_ADMIN, id, "escalate", "{\"reason\": \"再往上\"}").statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("top of the tree"));

        given().header("Authorization", DISTRICT_ADMIN).queryParam("nodeId", DISTRICT)
                .get("/api/v1/requests/escalated").then().statusCode(200).body("items.id", hasItem(id));
        given().header("Authorization", DISTRICT_ADMIN).queryParam("nodeId", COMMUNITY)
                .get("/api/v1/requests/escalated").then().statusCode(200).body("items.id", not(hasItem(id)));
        given().header("Authorization", WORKER).queryParam("nodeId", DISTRICT)
                .get("/api/v1/requests/escalated").then().statusCode(403);

        // once resolved, nothing is escalated any more
        move(WORKER, id, "accept", null).statusCode(200);
        move(WORKER, id, "dispatch", "{\"targetType\": \"PERSON\", \"targetId\": \"sla-worker-" + GRID + "\"}").statusCode(200);
        move(WORKER, id, "sign", null).statusCode(200);
        move(WORKER, id, "start", null).statusCode(200);
        move(WORKER, id, "resolve", "{\"outcome\": \"FIXED\"}").statusCode(200);
        move(DISTRICT_ADMIN, id, "escalate", "{\"reason\": \"x\"}").statusCode(409)
                .body("detail", containsString("is RESOLVED"));

        // a ticket in the community queue has no rung to climb from
        String queued = given().header("Authorization", CITIZEN).contentType(ContentType.JSON)
                .body("{\"type\": \"CONSULTATION\", \"title\": \"问个事\", \"location\": {\"address\": \"某村\"}}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
        move(token("top", null, Roles.DISTRICT_ADMIN), queued, "escalate", "{\"reason\": \"督办\"}").statusCode(409)
                .body("detail", containsString("community queue"));
    }

    @Test
    void extensionsAreAskedForAndDecidedByAnAdministrator() {
        String id = submit("sewage-ditch", null);
        move(WORKER, id, "extension", "{\"minutes\": 60, \"reason\": \"太早\"}").statusCode(409)
                .body("detail", containsString("is SUBMITTED"));
        move(WORKER, id, "accept", null).statusCode(200);
        move(WORKER, id, "dispatch", "{\"targetType\": \"PERSON\", \"targetId\": \"sla-member-" + GRID + "\"}").statusCode(200);
        String member = token("sla-member-" + GRID, null, Roles.CITIZEN);
        move(member, id, "sign", null).statusCode(200);
        OffsetDateTime due = OffsetDateTime.parse(ticket(id).getString("sla.resolveDueAt"));

        move(member, id, "extension", "{\"minutes\": 2880, \"reason\": \"需等待配件到货\"}").statusCode(200)
                .body("sla.pendingExtension.minutes", equalTo(2880))
                .body("sla.pendingExtension.requestedBy", equalTo("sla-member-" + GRID));
        move(member, id, "extension", "{\"minutes\": 60, \"reason\": \"再加一点\"}").statusCode(409)
                .body("detail", containsString("already waits"));
        move(member, id, "extension", "{\"minutes\": 0, \"reason\": \"x\"}").statusCode(400);
        move(WORKER, id, "extension/approve", null).statusCode(403);
        move(DISTRICT_ADMIN, id, "extension/approve", null).statusCode(200)
                .body("sla.pendingExtension", nullValue());
        assertThat(OffsetDateTime.parse(ticket(id).getString("sla.resolveDueAt"))).isEqualTo(due.plusMinutes(2880));
        move(DISTRICT_ADMIN, id, "extension/deny", "{\"reason\": \"没有申请\"}").statusCode(409)
                .body("detail", containsString("no extension waiting"));

        move(member, id, "extension", "{\"minutes\": 600, \"reason\": \"还要再等\"}").statusCode(200);
        move(DISTRICT_ADMIN, id, "extension/deny", "{\"reason\": \"不同意\"}").statusCode(200);
        given().header("Authorization", WORKER).get("/api/v1/requests/" + id + "/timeline").then()
                .body("items.action", hasItem("APPROVE_EXTENSION")).body("items.action", hasItem("DENY_EXTENSION"));

        // an extension cures an overdue resolution clock
        sweep.sweep(due.plusMinutes(2880 + 1));
        assertThat(ticket(id).getList("sla.overdue")).containsExactly("RESOLVE");
        move(member, id, "extension", "{\"minutes\": 43200, \"reason\": \"工程量大\"}").statusCode(200);
        move(DISTRICT_ADMIN, id, "extension/approve", null).statusCode(200)
                .body("sla.overdue", equalTo(List.of()));
    }

    @Test
    void aResolvedTicketNobodyRatesClosesWhenTheRatingWindowEnds() {
        String id = submit("sewage-ditch", null);
        move(WORKER, id, "accept", null).statusCode(200);
        move(WORKER, id, "dispatch", "{\"targetType\": \"PERSON\", \"targetId\": \"sla-worker-" + GRID + "\"}").statusCode(200);
        move(WORKER, id, "sign", null).statusCode(200);
        move(WORKER, id, "start", null).statusCode(200);
        move(WORKER, id, "resolve", "{\"outcome\": \"FIXED\"}").statusCode(200);
        sweep.closeUnrated(OffsetDateTime.now().plusDays(6));
        assertThat(ticket(id).getString("status")).isEqualTo("RESOLVED");
        sweep.closeUnrated(OffsetDateTime.now().plusDays(7).plusMinutes(1));
        assertThat(ticket(id).getString("status")).isEqualTo("CLOSED");
        assertThat(ticket(id).getString("rating")).isNull();
        move(CITIZEN, id, "rate", "{\"rating\": 5}").statusCode(409).body("detail", containsString("is CLOSED"));
        ConsumerRecord<String, String> closed = events(id, 7).stream()
                .filter(r -> r.value().contains("cn.grid.request.closed.v1")).findFirst().orElseThrow();
        EventContract.assertMatchesExample(closed.value(), "request.closed.v1");
        assertThat(closed.value()).contains("\"actor\":\"sla\"", "\"toStatus\":\"CLOSED\"");
    }

    @Test
    void statsCountWhatWasOnTimeAndTheTopCategories() {
        UUID grid = UUID.randomUUID();
        String path = "/" + DISTRICT + "/" + STREET + "/" + COMMUNITY + "/" + grid + "/";
        TestGridEvents.nodeCreated(grid, COMMUNITY, path, "GRID", "G2", "绿村第二网格");
        KnownGrids.awaitKnown(grid);
        TestRegistry.assign("sla-worker-2-" + grid, grid, path, "GRID_WORKER");
        String worker = token("sla-worker-2-" + grid, null, Roles.STAFF);
        String onTime = null;
        for (String category : List.of("sanitation", "sanitation", "street-light")) {
            onTime = given().header("Authorization", CITIZEN).contentType(ContentType.JSON)
                    .body("{\"category\": \"" + category + "\", \"title\": \"t\", \"gridNodeId\": \"" + grid + "\"}")
                    .post("/api/v1/requests").then().statusCode(201).extract().path("id");
        }
        // the street light is a community matter: it is not in the grid's subtree
        String sanitation = given().header("Authorization", worker).queryParam("gridNodeId", grid)
                .get("/api/v1/requests").then().statusCode(200).extract().path("items[0].id");
        assertThat(sanitation).isNotEqualTo(onTime);
        move(worker, sanitation, "accept", null).statusCode(200);
        move(worker, sanitation, "dispatch", "{\"targetType\": \"PERSON\", \"targetId\": \"sla-worker-2-" + grid + "\"}")
                .statusCode(200);
        move(worker, sanitation, "sign", null).statusCode(200);
        move(worker, sanitation, "start", null).statusCode(200);
        move(worker, sanitation, "resolve", "{\"outcome\": \"FIXED\"}").statusCode(200);

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        given().header("Authorization", worker).queryParam("gridNodeId", grid).queryParam("from", today)
                .queryParam("to", today).get("/api/v1/requests/stats").then().statusCode(200)
                .body("submitted", equalTo(2))
                .body("firstResponseRate", equalTo(1.0f))
                .body("responseRate", equalTo(1.0f))
                .body("onTimeClosureRate", equalTo(1.0f))
                .body("escalated", equalTo(0))
                .body("topCategories[0].category", equalTo("sanitation"))
                .body("topCategories[0].name", equalTo("环境卫生"))
                .body("topCategories[0].count", equalTo(2))
                .body("headline", equalTo("办实事 1 项 / 评价 0 项"));
    }
}
