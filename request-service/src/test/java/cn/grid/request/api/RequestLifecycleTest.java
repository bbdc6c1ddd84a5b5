package cn.grid.request.api;

import cn.grid.platform.outbox.KafkaClients;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.EmbeddedKafka;
import cn.grid.testsupport.EventContract;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The ticket lifecycle: every move, every forbidden one, and who may make it. */
@QuarkusTest
class RequestLifecycleTest {

    static final UUID DISTRICT = UUID.randomUUID();
    static final UUID GRID_A = UUID.randomUUID();
    static final UUID GRID_B = UUID.randomUUID();
    static final UUID TEAM = UUID.randomUUID();
    static final String CITIZEN = token("citizen-7", null, Roles.CITIZEN);
    static final String WORKER_A = token("worker-a-" + GRID_A, GRID_A.toString(), Roles.GRID_WORKER);
    static final String WORKER_B = token("worker-b-" + GRID_B, GRID_B.toString(), Roles.GRID_WORKER);
    static final String MEMBER = token("member-1", GRID_A.toString(), Roles.PARTY_MEMBER);
    private static boolean gridsKnown;

    static String token(String subject, String scope, String role) {
        return "Bearer " + TestJwt.token(subject, scope, role);
    }

    @BeforeEach
    void grids() {
        if (gridsKnown) {
            return;
        }
        gridsKnown = true;
        TestGridEvents.nodeCreated(DISTRICT, null, "/" + DISTRICT + "/", "DISTRICT", "D", "兴隆台区");
        TestGridEvents.nodeCreated(GRID_A, DISTRICT, "/" + DISTRICT + "/" + GRID_A + "/", "STREET", "A", "振兴街道");
        TestGridEvents.nodeCreated(GRID_B, DISTRICT, "/" + DISTRICT + "/" + GRID_B + "/", "STREET", "B", "渤海街道");
        TestGridEvents.publish("grid.team.changed.v1", TEAM, Map.of("teamId", TEAM.toString(), "version", 1,
                "gridNodeId", GRID_A.toString(), "gridPath", "/" + DISTRICT + "/" + GRID_A + "/",
                "members", List.of(Map.of("personId", UUID.randomUUID().toString(), "personName", "队员",
                        "subject", "team-member-1", "role", "MEMBER"))));
        String service = token("svc", null, Roles.SERVICE);
        for (UUID node : List.of(DISTRICT, GRID_A, GRID_B)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", service)
                    .get("/api/v1/requests/grid-nodes/" + node).then().statusCode(200));
        }
        // the tokens name no role the suite believes: the registry makes these logins what they are
        TestRegistry.assign("worker-a-" + GRID_A, GRID_A, "/" + DISTRICT + "/" + GRID_A + "/", "GRID_WORKER");
        TestRegistry.assign("worker-b-" + GRID_B, GRID_B, "/" + DISTRICT + "/" + GRID_B + "/", "GRID_WORKER");
        TestRegistry.assign("member-1", GRID_A, "/" + DISTRICT + "/" + GRID_A + "/", "PARTY_MEMBER");
        // the team's member is also a party member registered there (党员突击队): a team place alone gives no role
        TestRegistry.assign("team-member-1", GRID_A, "/" + DISTRICT + "/" + GRID_A + "/", "PARTY_MEMBER");
    }

    static String submit(UUID grid) {
        return given().header("Authorization", CITIZEN).contentType(ContentType.JSON)
                .body("{\"type\": \"PROBLEM_REPORT\", \"title\": \"污水沟堵塞\", \"gridNodeId\": \"" + grid + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse move(String token, String id, String action, String body) {
        String etag = given().header("Authorization", token(("svc"), null, Roles.SERVICE)).get("/api/v1/requests/" + id)
                .then().statusCode(200).extract().header("ETag");
        var request = given().header("Authorization", token).header("If-Match", etag);
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        return request.when().post("/api/v1/requests/" + id + "/" + action).then();
    }

    @Test
    void theWholeLoopFromOrderToRatingIsAuditedAndPublished() {
        String id = submit(GRID_A);
        move(WORKER_A, id, "accept", null).statusCode(200).body("status", equalTo("ACCEPTED")).header("ETag", equalTo("\"1\""));
        String memberPerson = TestRegistry.personOf("member-1").toString();
        move(WORKER_A, id, "dispatch", "{\"targetType\": \"PERSON\", \"targetId\": \"" + memberPerson + "\"}")
                .statusCode(200).body("status", equalTo("DISPATCHED")).body("dispatchTargetId", equalTo(memberPerson));
        move(MEMBER, id, "sign", null).statusCode(200).body("status", equalTo("SIGNED")).body("assignee", equalTo("member-1"));
        move(MEMBER, id, "start", null).statusCode(200).body("status", equalTo("IN_PROGRESS"));
        move(MEMBER, id, "resolve", "{\"outcome\": \"FIXED\", \"notes\": \"已疏通\", \"photos\": [\"https://img.example/1.jpg\"]}")
                .statusCode(200).body("status", equalTo("RESOLVED")).body("outcome", equalTo("FIXED"));
        move(CITIZEN, id, "rate", "{\"rating\": 5, \"comment\": \"很及时\"}")
                .statusCode(200).body("status", equalTo("CLOSED")).body("rating", equalTo(5));

        given().header("Authorization", CITIZEN).get("/api/v1/requests/" + id + "/timeline").then().statusCode(200)
                .body("items.action", equalTo(List.of("ACCEPT", "DISPATCH", "SIGN", "START", "RESOLVE", "RATE")))
                .body("items[2].actor", equalTo("member-1"))
                .body("items[5].toStatus", equalTo("CLOSED"));

        List<ConsumerRecord<String, String>> events = events(id, 7);
        EventContract.assertMatchesExample(events.get(3).value(), "request.signed.v1");
        EventContract.assertMatchesExample(events.get(6).value(), "request.rated.v1");
        assertThat(events.get(6).value()).contains("\"assignee\":\"member-1\"", "\"satisfied\":true",
                "\"type\":\"cn.grid.request.rated.v1\"");
    }

    @Test
    void forbiddenMovesAre409sNamingTheState() {
        String id = submit(GRID_A);
        move(WORKER_A, id, "accept", null).statusCode(200);
        move(WORKER_A, id, "accept", null).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("is ACCEPTED; accept needs SUBMITTED"));
        move(CITIZEN, id, "rate", "{\"rating\": 4}").statusCode(409).body("detail", containsString("needs RESOLVED"));
        move(MEMBER, id, "sign", null).statusCode(409);
        move(WORKER_A, id, "resolve", "{\"outcome\": \"FIXED\"}").statusCode(409);
        move(CITIZEN, id, "withdraw", null).statusCode(200).body("status", equalTo("WITHDRAWN"));
        move(CITIZEN, id, "withdraw", null).statusCode(409).body("detail", containsString("WITHDRAWN"));
        move(WORKER_A, id, "dispatch", "{\"targetType\": \"DEPARTMENT\", \"targetName\": \"区水务局\"}").statusCode(409);

        String rejected = submit(GRID_A);
        move(WORKER_A, rejected, "reject", "{\"reason\": \"\"}").statusCode(400);
        move(WORKER_A, rejected, "reject", "{\"reason\": \"重复提交\"}").statusCode(200).body("status", equalTo("REJECTED"));
        move(WORKER_A, rejected, "accept", null).statusCode(409);
    }

    @Test
    void aDissatisfiedRatingHasTheTicketDoneAgain() {
        String id = submit(GRID_A);
        move(WORKER_A, id, "accept", null).statusCode(200);
        move(WORKER_A, id, "dispatch", "{\"targetType\": \"GRID\", \"targetId\": \"" + GRID_A + "\"}").statusCode(200);
        move(WORKER_A, id, "sign", null).statusCode(200).body("assignee", equalTo("worker-a-" + GRID_A));
        move(WORKER_A, id, "start", null).statusCode(200);
        move(WORKER_A, id, "resolve", "{\"outcome\": \"ANSWERED\"}").statusCode(200);
        move(CITIZEN, id, "rate", "{\"rating\": 1, \"comment\": \"没有解决\"}").statusCode(200)
                .body("status", equalTo("REOPENED"));
        move(WORKER_A, id, "start", null).statusCode(200).body("status", equalTo("IN_PROGRESS"));
        move(WORKER_A, id, "resolve", "{\"outcome\": \"FIXED\"}").statusCode(200);
        move(CITIZEN, id, "rate", "{\"rating\": 4}").statusCode(200).body("status", equalTo("CLOSED"));
        move(CITIZEN, id, "rate", "{\"rating\": 9}").statusCode(400).body("errors[0].field", equalTo("rating"));
    }

    @Test
    void returnedTicketsGoBackToTheDispatcherAndTeamsTakeTheirs() {
        String id = submit(GRID_A);
        move(WORKER_A, id, "accept", null).statusCode(200);
        move(WORKER_A, id, "dispatch", "{\"targetType\": \"PERSON\", \"targetId\": \"" + TestRegistry.personOf("member-1")
                + "\"}").statusCode(200);
        move(token("someone-else", GRID_A.toString(), Roles.PARTY_MEMBER), id, "sign", null).statusCode(403);
        move(MEMBER, id, "return", "{\"reason\": \"不在本人责任区\"}").statusCode(200).body("status", equalTo("RETURNED"));
        move(WORKER_A, id, "dispatch", "{\"targetType\": \"TEAM\", \"targetId\": \"" + TEAM + "\"}").statusCode(200);
        move(MEMBER, id, "sign", null).statusCode(403);
        move(token("team-member-1", GRID_A.toString(), Roles.PARTY_MEMBER), id, "sign", null).statusCode(200)
                .body("assignee", equalTo("team-member-1"));
        move(WORKER_A, id, "dispatch", "{\"targetType\": \"TEAM\", \"targetId\": \"" + UUID.randomUUID() + "\"}")
                .statusCode(409);
    }

    @Test
    void onlyTheRightPeopleMoveATicketAndOnlyAgainstItsCurrentVersion() {
        String id = submit(GRID_A);
        move(WORKER_B, id, "accept", null).statusCode(403);
        move(token("citizen-8", null, Roles.CITIZEN), id, "withdraw", null).statusCode(403);
        given().header("Authorization", WORKER_A).post("/api/v1/requests/" + id + "/accept").then().statusCode(428);
        given().header("Authorization", WORKER_A).header("If-Match", "\"5\"").post("/api/v1/requests/" + id + "/accept")
                .then().statusCode(412).contentType("application/problem+json");
        move(WORKER_A, id, "accept", null).statusCode(200);
        move(WORKER_A, id, "dispatch", "{\"targetType\": \"GRID\", \"targetId\": \"" + GRID_B + "\"}").statusCode(403);
        move(WORKER_A, id, "dispatch", "{\"targetType\": \"ROBOT\"}").statusCode(400);
        move(WORKER_A, id, "dispatch", "{\"targetType\": \"PERSON\"}").statusCode(400)
                .body("errors[0].field", equalTo("targetId"));
        given().header("Authorization", token("citizen-8", null, Roles.CITIZEN)).get("/api/v1/requests/" + id + "/timeline")
                .then().statusCode(403);
        given().header("Authorization", WORKER_A).header("If-Match", "\"0\"")
                .post("/api/v1/requests/" + UUID.randomUUID() + "/accept").then().statusCode(404);
    }

    @Test
    void aCallerOutsideTheTicketsScopeLearnsNeitherItsVersionNorItsState() {
        String id = submit(GRID_A);
        // a stale version: before the scope check, the 412 told an outsider the ticket's current version
        given().header("Authorization", WORKER_B).header("If-Match", "\"5\"").post("/api/v1/requests/" + id + "/accept")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", not(containsString("version")));
        move(WORKER_A, id, "accept", null).statusCode(200);
        // a move its state forbids: before, the 409 named the state to anyone who asked
        move(WORKER_B, id, "accept", null).statusCode(403).body("detail", not(containsString("ACCEPTED")))
                .body("detail", containsString("your registry grants do not reach its grid"));
        move(token("citizen-8", null, Roles.CITIZEN), id, "rate", "{\"rating\": 5}").statusCode(403)
                .body("detail", not(containsString("ACCEPTED")));
        // those involved still hear the state first
        move(WORKER_A, id, "accept", null).statusCode(409).body("detail", containsString("ACCEPTED"));
    }

    static List<ConsumerRecord<String, String>> events(String key, int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), "lifecycle-test-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of("request.events"));
            List<ConsumerRecord<String, String>> matching = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (matching.size() < count && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        matching.add(r);
                    }
                });
            }
            assertThat(matching).hasSizeGreaterThanOrEqualTo(count);
            return matching;
        }
    }
}
