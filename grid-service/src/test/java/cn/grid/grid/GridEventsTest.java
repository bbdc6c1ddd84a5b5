package cn.grid.grid;

import cn.grid.platform.outbox.KafkaClients;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.EmbeddedKafka;
import cn.grid.testsupport.EventContract;
import cn.grid.testsupport.TestJwt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A node created over HTTP reaches the real broker as a CloudEvent, through the outbox. */
@QuarkusTest
class GridEventsTest {

    @Test
    void nodeCreatedIsPublishedOnGridEvents() throws Exception {
        String code = "EV" + UUID.randomUUID().toString().substring(0, 6);
        String id = given().header("Authorization", "Bearer " + TestJwt.token("admin", null, Roles.DISTRICT_ADMIN))
                .contentType(ContentType.JSON)
                .body("""
                        {"name": "兴隆台区", "level": "DISTRICT", "code": "%s"}""".formatted(code))
                .when().post("/api/v1/grids")
                .then().statusCode(201).extract().path("id");

        ConsumerRecord<String, String> record = awaitRecord("grid.events", id);

        assertThat(record.key()).isEqualTo(id);
        EventContract.assertMatchesExample(record.value(), "grid.node.created.v1");
        JsonNode event = new ObjectMapper().readTree(record.value());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("cn.grid.grid.node.created.v1");
        assertThat(event.get("source").asText()).isEqualTo("/grid-service");
        assertThat(event.get("subject").asText()).isEqualTo(id);
        assertThat(UUID.fromString(event.get("id").asText())).isNotNull();
        assertThat(event.get("data").get("name").asText()).isEqualTo("兴隆台区");
        assertThat(event.get("data").get("path").asText()).isEqualTo("/" + id + "/");
        assertThat(event.get("data").get("level").asText()).isEqualTo("DISTRICT");
    }

    @Test
    void updatesMovesAndRetirementsArePublishedAsTheirExamplesSay() {
        String admin = "Bearer " + TestJwt.token("admin", null, Roles.DISTRICT_ADMIN);
        String district = create(admin, "{\"name\": \"南沙区\", \"level\": \"DISTRICT\", \"code\": \"NS"
                + UUID.randomUUID().toString().substring(0, 6) + "\"}");
        String a = create(admin, "{\"name\": \"东涌镇\", \"level\": \"STREET\", \"code\": \"DY\", \"parentId\": \""
                + district + "\"}");
        String b = create(admin, "{\"name\": \"榄核镇\", \"level\": \"STREET\", \"code\": \"LH\", \"parentId\": \""
                + district + "\"}");
        String village = create(admin, "{\"name\": \"牛角村\", \"level\": \"COMMUNITY\", \"code\": \"NJ\", "
                + "\"parentId\": \"" + a + "\"}");
        given().header("Authorization", admin).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("{\"households\": 820}").patch("/api/v1/grids/" + village).then().statusCode(200);
        given().header("Authorization", admin).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body("{\"parentId\": \"" + b + "\"}").post("/api/v1/grids/" + village + "/move").then().statusCode(200);
        given().header("Authorization", admin).header("If-Match", "\"2\"").contentType(ContentType.JSON)
                .body("{\"reason\": \"撤并\"}").post("/api/v1/grids/" + village + "/retire").then().statusCode(200);

        List<ConsumerRecord<String, String>> events = awaitRecords("grid.events", village, 4);
        assertThat(events).extracting(r -> type(r.value())).containsExactly("cn.grid.grid.node.created.v1",
                "cn.grid.grid.node.updated.v1", "cn.grid.grid.node.moved.v1", "cn.grid.grid.node.retired.v1");
        EventContract.assertMatchesExample(events.get(1).value(), "grid.node.updated.v1");
        EventContract.assertMatchesExample(events.get(2).value(), "grid.node.moved.v1");
        EventContract.assertMatchesExample(events.get(3).value(), "grid.node.retired.v1");
        assertThat(events.get(2).value()).contains("\"newPath\":\"/" + district + "/" + b + "/" + village + "/\"");
    }

    @Test
    void assignmentsAndPartyMemberRegistrationsArePublishedAsTheirExamplesSay() {
        String admin = "Bearer " + TestJwt.token("admin", null, Roles.DISTRICT_ADMIN);
        String district = create(admin, "{\"name\": \"相山区\", \"level\": \"DISTRICT\", \"code\": \"XS"
                + UUID.randomUUID().toString().substring(0, 6) + "\"}");
        String person = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\": \"周党员\", \"homeNodeId\": \"" + district + "\", \"subject\": \"zhou-"
                        + UUID.randomUUID() + "\"}")
                .post("/api/v1/people").then().statusCode(201).extract().path("id");
        String member = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"personId\": \"" + person + "\", \"role\": \"PARTY_MEMBER\", \"startDate\": \"2021-03-01\", "
                        + "\"workOrganisation\": \"三堤口街道办\"}")
                .post("/api/v1/grids/" + district + "/assignments").then().statusCode(201).extract().path("id");
        String volunteer = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"personId\": \"" + person + "\", \"role\": \"VOLUNTEER\", \"startDate\": \"2022-01-01\"}")
                .post("/api/v1/grids/" + district + "/assignments").then().statusCode(201).extract().path("id");
        for (String assignment : List.of(member, volunteer)) {
            given().header("Authorization", admin).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                    .body("{\"endDate\": \"2026-01-31\", \"reason\": \"迁出\"}")
                    .post("/api/v1/grids/" + district + "/assignments/" + assignment + "/end").then().statusCode(200);
        }

        List<ConsumerRecord<String, String>> memberEvents = awaitRecords("grid.events", member, 2);
        EventContract.assertMatchesExample(memberEvents.get(0).value(), "grid.party-member.registered.v1");
        EventContract.assertMatchesExample(memberEvents.get(1).value(), "grid.party-member.unregistered.v1");
        List<ConsumerRecord<String, String>> volunteerEvents = awaitRecords("grid.events", volunteer, 2);
        EventContract.assertMatchesExample(volunteerEvents.get(0).value(), "grid.assignment.started.v1");
        EventContract.assertMatchesExample(volunteerEvents.get(1).value(), "grid.assignment.ended.v1");
        assertThat(memberEvents.get(0).value()).contains("三堤口街道办").doesNotContain("phone");
    }

    @Test
    void partyOrganisationsAndTeamsArePublishedAsTheirExamplesSay() {
        String admin = "Bearer " + TestJwt.token("admin", null, Roles.DISTRICT_ADMIN);
        String district = create(admin, "{\"name\": \"庆相桥\", \"level\": \"DISTRICT\", \"code\": \"QX"
                + UUID.randomUUID().toString().substring(0, 6) + "\"}");
        String org = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\": \"党委\", \"kind\": \"PARTY_COMMITTEE\", \"gridNodeId\": \"" + district + "\"}")
                .post("/api/v1/party-orgs").then().statusCode(201).extract().path("id");
        given().header("Authorization", admin).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("{\"name\": \"社区党委\"}").patch("/api/v1/party-orgs/" + org).then().statusCode(200);
        String person = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\": \"书记\", \"homeNodeId\": \"" + district + "\"}")
                .post("/api/v1/people").then().statusCode(201).extract().path("id");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"personId\": \"" + person + "\", \"role\": \"SECRETARY\"}")
                .post("/api/v1/party-orgs/" + org + "/members").then().statusCode(201);
        String team = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"kind\": \"LECTURE\", \"name\": \"宣讲队\"}")
                .post("/api/v1/grids/" + district + "/teams").then().statusCode(201).extract().path("id");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"personId\": \"" + person + "\", \"leader\": true}")
                .post("/api/v1/grids/" + district + "/teams/" + team + "/members").then().statusCode(201);

        List<ConsumerRecord<String, String>> orgEvents = awaitRecords("grid.events", org, 3);
        EventContract.assertMatchesExample(orgEvents.get(0).value(), "grid.party-org.created.v1");
        EventContract.assertMatchesExample(orgEvents.get(1).value(), "grid.party-org.changed.v1");
        EventContract.assertMatchesExample(orgEvents.get(2).value(), "grid.party-org.membership-changed.v1");
        List<ConsumerRecord<String, String>> teamEvents = awaitRecords("grid.events", team, 2);
        EventContract.assertMatchesExample(teamEvents.get(1).value(), "grid.team.changed.v1");
        assertThat(teamEvents.get(0).value()).contains("\"members\":[]");
        assertThat(teamEvents.get(1).value()).contains("\"role\":\"LEADER\"", "书记");
    }

    @Test
    void boundariesArePublishedAsTheirExampleSays() {
        String admin = "Bearer " + TestJwt.token("admin", null, Roles.DISTRICT_ADMIN);
        String district = create(admin, "{\"name\": \"沾益区\", \"level\": \"DISTRICT\", \"code\": \"ZB"
                + UUID.randomUUID().toString().substring(0, 6) + "\"}");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"type\": \"Polygon\", \"coordinates\": [[[-60,-60],[-59,-60],[-59,-59],[-60,-59],[-60,-60]]]}")
                .put("/api/v1/grids/" + district + "/boundary").then().statusCode(200);
        List<ConsumerRecord<String, String>> events = awaitRecords("grid.events", district, 2);
        EventContract.assertMatchesExample(events.get(1).value(), "grid.boundary.changed.v1");
        assertThat(events.get(1).value()).contains("\"bbox\":[-60.0,-60.0,-59.0,-59.0]");
    }

    private static String create(String token, String body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/grids").then().statusCode(201).extract().path("id");
    }

    private static String type(String json) {
        try {
            return new ObjectMapper().readTree(json).get("type").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The first {@code count} events with key {@code key}, in the order the topic holds them. */
    static List<ConsumerRecord<String, String>> awaitRecords(String topic, String key, int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), "grid-events-test-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            List<ConsumerRecord<String, String>> matching = new ArrayList<>();
            while (matching.size() < count && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        matching.add(r);
                    }
                }
            }
            assertThat(matching).hasSizeGreaterThanOrEqualTo(count);
            return matching.subList(0, count);
        }
    }

    static ConsumerRecord<String, String> awaitRecord(String topic, String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), "grid-events-test-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        return r;
                    }
                    seen.add(r);
                }
            }
            throw new AssertionError("no event with key " + key + " on " + topic + " (saw " + seen.size() + ")");
        }
    }
}
