package cn.grid.study.api;

import cn.grid.platform.outbox.KafkaClients;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.EmbeddedKafka;
import cn.grid.testsupport.EventContract;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class StudySessionResourceTest {

    static final UUID TOWN = UUID.randomUUID();
    static final UUID VILLAGE_A = UUID.randomUUID();
    static final UUID VILLAGE_B = UUID.randomUUID();
    /** used by the listing test alone, so other tests' sessions do not shift its pages */
    static final UUID VILLAGE_C = UUID.randomUUID();
    static final String SERVICE = "Bearer " + TestJwt.token("svc", null, Roles.SERVICE);

    private static boolean gridsKnown;

    @BeforeEach
    void grids() {
        if (gridsKnown) {
            return;
        }
        gridsKnown = true;
        TestGridEvents.nodeCreated(TOWN, null, "/" + TOWN + "/", "DISTRICT", "CH", "长沙县");
        TestGridEvents.nodeCreated(VILLAGE_A, TOWN, "/" + TOWN + "/" + VILLAGE_A + "/", "STREET", "CHZ", "春华镇");
        TestGridEvents.nodeCreated(VILLAGE_B, TOWN, "/" + TOWN + "/" + VILLAGE_B + "/", "STREET", "QH", "漆河镇");
        TestGridEvents.nodeCreated(VILLAGE_C, TOWN, "/" + TOWN + "/" + VILLAGE_C + "/", "STREET", "HX", "河西村");
        for (UUID node : List.of(TOWN, VILLAGE_A, VILLAGE_B, VILLAGE_C)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SERVICE)
                    .get("/api/v1/study/grid-nodes/" + node).then().statusCode(200));
        }
        // orgAdminOf(node): the registry makes "org-<node>" the secretary of a committee at each node
        TestRegistry.orgAdmin("org-" + TOWN, TOWN, "/" + TOWN + "/");
        for (UUID village : List.of(VILLAGE_A, VILLAGE_B, VILLAGE_C)) {
            TestRegistry.orgAdmin("org-" + village, village, "/" + TOWN + "/" + village + "/");
        }
    }

    static String orgAdminOf(UUID node) {
        return "Bearer " + TestJwt.token("org-" + node, node.toString(), Roles.ORG_ADMIN);
    }

    static String lecture(UUID grid, String title) {
        return """
                {"kind": "MICRO_LECTURE", "title": "%s", "gridNodeId": "%s",
                 "startsAt": "2026-11-20T19:30:00+08:00", "durationMinutes": 45, "place": "龙王庙村党群服务中心",
                 "speaker": "李书记"}""".formatted(title, grid);
    }

    @Test
    void recordsASessionReadsItBackAndPublishesIt() {
        String id = given().header("Authorization", orgAdminOf(VILLAGE_A)).contentType(ContentType.JSON)
                .body(lecture(VILLAGE_A, "百年党史微党课"))
                .when().post("/api/v1/study/sessions")
                .then().statusCode(201)
                .body("kind", equalTo("MICRO_LECTURE"))
                .body("speaker", equalTo("李书记"))
                .body("startsAt", equalTo("2026-11-20T11:30:00Z"))
                .extract().path("id");

        given().header("Authorization", orgAdminOf(VILLAGE_A)).when().get("/api/v1/study/sessions/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"0\"")).body("title", equalTo("百年党史微党课"));

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), "test-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of("study.events"));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (id.equals(r.key()) && r.value().contains("cn.grid.study.session.recorded.v1")) {
                        EventContract.assertMatchesExample(r.value(), "study.session.recorded.v1");
                        return true;
                    }
                }
                return false;
            });
        }
    }

    @Test
    void listsTheSubtreeNewestFirstWithACursor() {
        String first = given().header("Authorization", orgAdminOf(VILLAGE_C)).contentType(ContentType.JSON)
                .body(lecture(VILLAGE_C, "第一课")).post("/api/v1/study/sessions").then().statusCode(201)
                .extract().path("id");
        String second = given().header("Authorization", orgAdminOf(VILLAGE_C)).contentType(ContentType.JSON)
                .body(lecture(VILLAGE_C, "第二课")).post("/api/v1/study/sessions").then().statusCode(201)
                .extract().path("id");
        String townAdmin = orgAdminOf(TOWN);
        String cursor = given().header("Authorization", townAdmin).queryParam("gridNodeId", VILLAGE_C.toString())
                .queryParam("limit", 1)
                .when().get("/api/v1/study/sessions")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(second))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().header("Authorization", townAdmin).queryParam("gridNodeId", VILLAGE_C.toString())
                .queryParam("limit", 1).queryParam("cursor", cursor)
                .when().get("/api/v1/study/sessions")
                .then().statusCode(200).body("items[0].id", equalTo(first)).body("nextCursor", nullValue());
        given().header("Authorization", townAdmin).queryParam("gridNodeId", TOWN.toString())
                .when().get("/api/v1/study/sessions")
                .then().statusCode(200).body("items.id", hasItem(first));
    }

    @Test
    void scopeAndRulesAreEnforced() {
        given().header("Authorization", orgAdminOf(VILLAGE_A)).contentType(ContentType.JSON)
                .body(lecture(VILLAGE_B, "别人的课"))
                .when().post("/api/v1/study/sessions")
                .then().statusCode(403).contentType("application/problem+json");
        String otherVillage = given().header("Authorization", orgAdminOf(VILLAGE_B)).contentType(ContentType.JSON)
                .body(lecture(VILLAGE_B, "漆河镇的课")).post("/api/v1/study/sessions").then().statusCode(201)
                .extract().path("id");
        given().header("Authorization", orgAdminOf(VILLAGE_A)).when().get("/api/v1/study/sessions/" + otherVillage)
                .then().statusCode(403);
        given().header("Authorization", orgAdminOf(VILLAGE_A)).contentType(ContentType.JSON)
                .body("""
                        {"kind": "MICRO_LECTURE", "title": "无人主讲", "gridNodeId": "%s",
                         "startsAt": "2026-11-20T19:30:00+08:00"}""".formatted(VILLAGE_A))
                .when().post("/api/v1/study/sessions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("speaker"));
        given().header("Authorization", orgAdminOf(VILLAGE_A)).contentType(ContentType.JSON)
                .body("""
                        {"kind": "FILM_SCREENING", "title": "x", "gridNodeId": "%s", "startsAt": "yesterday"}"""
                        .formatted(VILLAGE_A))
                .when().post("/api/v1/study/sessions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("startsAt"));
        given().header("Authorization", orgAdminOf(VILLAGE_A))
                .when().get("/api/v1/study/sessions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("gridNodeId"));
        given().header("Authorization", "Bearer " + TestJwt.token("c", null, Roles.CITIZEN)).contentType(ContentType.JSON)
                .body(lecture(VILLAGE_A, "x"))
                .when().post("/api/v1/study/sessions")
                .then().statusCode(403);
    }

    @Test
    void theProducersExampleGridEventIsUnderstood() {
        TestGridEvents.send("0193f0a4-5e20-7d11-8a2b-3c4d5e6f7a8b", TestGridEvents.example("grid.node.created.v1"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SERVICE)
                .get("/api/v1/study/grid-nodes/0193f0a4-5e20-7d11-8a2b-3c4d5e6f7a8b")
                .then().statusCode(200).body("name", equalTo("盘江镇")));
    }
}
