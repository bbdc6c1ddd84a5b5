package cn.grid.study.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.EventContract;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * 实践 from request.events: a ticket rated satisfied credits the member who signed it with a practice record
 * and PRACTICE points — once, however often the event comes — and 重办 takes both back; the ledger's rules,
 * balances, history and ranking.
 */
@QuarkusTest
class PracticeAndPointsTest {

    static final String ADMIN = "Bearer " + TestJwt.token("pts-admin", null, Roles.DISTRICT_ADMIN);

    /** A party member registered at a grid and in an organisation, as grid events tell study-service. */
    record Member(UUID personId, String subject, UUID orgId) {
    }

    static Member member(String name, UUID orgId) {
        UUID personId = UUID.randomUUID();
        String subject = "pts-" + UUID.randomUUID().toString().substring(0, 8);
        UUID assignment = UUID.randomUUID();
        TestGridEvents.publish("grid.party-member.registered.v1", assignment, Map.of("assignmentId",
                assignment.toString(), "personId", personId.toString(), "personName", name, "subject", subject));
        UUID membership = UUID.randomUUID();
        TestGridEvents.publish("grid.party-org.membership-changed.v1", membership, Map.of("membershipId",
                membership.toString(), "orgId", orgId.toString(), "personId", personId.toString(), "personName", name,
                "subject", subject, "role", "MEMBER"));
        return new Member(personId, subject, orgId);
    }

    static UUID org() {
        UUID orgId = UUID.randomUUID();
        TestGridEvents.publish("grid.party-org.created.v1", orgId, Map.of("orgId", orgId.toString(),
                "orgPath", "/" + orgId + "/"));
        return orgId;
    }

    static String rated(UUID requestId, String assignee, int rating) {
        Map<String, Object> data = new HashMap<>();
        data.put("requestId", requestId.toString());
        data.put("assignee", assignee);
        data.put("rating", rating);
        data.put("satisfied", rating >= 3);
        data.put("toStatus", rating >= 3 ? "CLOSED" : "REOPENED");
        data.put("at", Instant.now().toString());
        return TestGridEvents.publish("request.events", "request.rated.v1", requestId, data);
    }

    static long balance(Member m) {
        return given().header("Authorization", ADMIN).get("/api/v1/study/members/" + m.personId() + "/points")
                .then().statusCode(200).extract().jsonPath().getLong("balance");
    }

    @Test
    void aSatisfiedRatingCreditsTheSignerOnceAndARedoTakesItBack() {
        Member chen = member("陈党员", org());
        UUID ticket = UUID.randomUUID();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/api/v1/study/members/" + chen.personId() + "/points").then().statusCode(200));

        rated(ticket, chen.subject(), 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(chen) == 5);
        String own = "Bearer " + TestJwt.token(chen.subject(), null, Roles.PARTY_MEMBER);
        given().header("Authorization", own).get("/api/v1/study/members/" + chen.personId() + "/practice").then()
                .statusCode(200).body("", hasSize(1)).body("[0].requestId", equalTo(ticket.toString()))
                .body("[0].rating", equalTo(5)).body("[0].reversedAt", equalTo(null));

        // the same rating again (a redelivery under another event id): nothing more
        rated(ticket, chen.subject(), 5);
        TestGridEvents.publish("request.events", "request.reopened.v1", UUID.randomUUID(), Map.of("requestId",
                UUID.randomUUID().toString()));
        // 重办: taken back
        TestGridEvents.publish("request.events", "request.reopened.v1", ticket, Map.of("requestId", ticket.toString(),
                "reason", "居民反映水管又漏了"));
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(chen) == 0);
        given().header("Authorization", own).get("/api/v1/study/members/" + chen.personId() + "/points").then()
                .body("entries.items.points", equalTo(List.of(-5, 5)))
                .body("entries.items[0].reason", equalTo("重办: 居民反映水管又漏了"));
        // done again and rated satisfied: credited again
        rated(ticket, chen.subject(), 4);
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(chen) == 5);

        List<String> awarded = studyEvents(chen.subject(), 3);
        EventContract.assertMatchesExample(awarded.get(0), "study.points.awarded.v1");
        assertThat(awarded.get(1)).contains("\"points\":-5", "\"balance\":0");
    }

    @Test
    void aDissatisfiedRatingCreditsNothingAndOthersCannotReadTheRecord() {
        Member li = member("李党员", org());
        UUID ticket = UUID.randomUUID();
        rated(ticket, li.subject(), 2);
        rated(UUID.randomUUID(), li.subject(), 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(li) == 5);
        given().header("Authorization", "Bearer " + TestJwt.token("someone-else", null, Roles.PARTY_MEMBER))
                .get("/api/v1/study/members/" + li.personId() + "/points").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestJwt.token("pts-worker", UUID.randomUUID().toString(),
                Roles.ORG_ADMIN)).get("/api/v1/study/members/" + li.personId() + "/practice").then().statusCode(403);
    }

    @Test
    void rulesAreConfigurableAndTheRankingOrdersAnOrganisation() {
        UUID org = org();
        Member wang = member("王党员", org);
        Member zhao = member("赵党员", org);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", ADMIN)
                .queryParam("orgId", org).get("/api/v1/study/points/ranking").then().statusCode(200)
                .body("", hasSize(2)));

        String etag = given().header("Authorization", ADMIN).get("/api/v1/study/points/rules").then().statusCode(200)
                .extract().path("find { it.activity == 'PRACTICE' }.version").toString();
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"points\": 8, \"description\": \"办结并获满意评价\"}")
                .put("/api/v1/study/points/rules/PRACTICE").then().statusCode(428);
        given().header("Authorization", "Bearer " + TestJwt.token("m", null, Roles.PARTY_MEMBER))
                .header("If-Match", "\"" + etag + "\"").contentType(ContentType.JSON)
                .body("{\"points\": 8, \"description\": \"办结并获满意评价\"}")
                .put("/api/v1/study/points/rules/PRACTICE").then().statusCode(403);
        given().header("Authorization", ADMIN).header("If-Match", "\"" + etag + "\"").contentType(ContentType.JSON)
                .body("{\"points\": 8, \"description\": \"办结并获满意评价\"}")
                .put("/api/v1/study/points/rules/PRACTICE").then().statusCode(200).body("points", equalTo(8));
        try {
            rated(UUID.randomUUID(), zhao.subject(), 5);
            await().atMost(Duration.ofSeconds(20)).until(() -> balance(zhao) == 8);
            String member = "Bearer " + TestJwt.token(wang.subject(), null, Roles.PARTY_MEMBER);
            given().header("Authorization", member).queryParam("orgId", org).get("/api/v1/study/points/ranking")
                    .then().statusCode(200).body("personName", equalTo(List.of("赵党员", "王党员")))
                    .body("balance", equalTo(List.of(8, 0))).body("rank", equalTo(List.of(1, 2)));
            // a member below the top `limit` is still a member: the top of the ranking, not a 403
            given().header("Authorization", member).queryParam("orgId", org).queryParam("limit", 1)
                    .get("/api/v1/study/points/ranking").then().statusCode(200)
                    .body("personName", equalTo(List.of("赵党员")));
            given().header("Authorization", "Bearer " + TestJwt.token("outsider", null, Roles.PARTY_MEMBER))
                    .queryParam("orgId", org).get("/api/v1/study/points/ranking").then().statusCode(403);
        } finally {
            String now = given().header("Authorization", ADMIN).get("/api/v1/study/points/rules").then()
                    .extract().path("find { it.activity == 'PRACTICE' }.version").toString();
            given().header("Authorization", ADMIN).header("If-Match", "\"" + now + "\"").contentType(ContentType.JSON)
                    .body("{\"points\": 5, \"description\": \"承接的群众点单办结并获满意评价（实践）\"}")
                    .put("/api/v1/study/points/rules/PRACTICE").then().statusCode(200);
        }
    }

    /** The values of the study.events records with this key, oldest first (at least {@code count}). */
    static List<String> studyEvents(String key, int count) {
        return StudyWorld.events(key, "", count).stream().map(ConsumerRecord::value).toList();
    }
}
