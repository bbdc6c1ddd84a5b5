package cn.grid.system;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * 点单 → 受理 → 派单 → 接单 → 办结 → 评价 through the gateway, with a token of each role: the citizen orders, the
 * grid worker accepts and dispatches, the party member takes and resolves it, the citizen rates; 督办 and an
 * extension on a second ticket; the statistics at the end.
 */
class RequestLifecycleIT extends AgainstTheSuite {

    static String token(String subject, String role, String scope) {
        return "Bearer " + devToken(subject, List.of(role), scope);
    }

    static ValidatableResponse move(String token, String id, String action, String body) {
        String etag = given().baseUri(suite.gateway()).header("Authorization", token)
                .get("/api/v1/requests/" + id).then().statusCode(200).extract().header("ETag");
        var request = given().baseUri(suite.gateway()).header("Authorization", token).header("If-Match", etag);
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        return request.post("/api/v1/requests/" + id + "/" + action).then();
    }

    @Test
    void theWholeLoopWithATokenOfEachRole() {
        String districtAdmin = token("it-district-admin", "district-admin", null);
        String district = node(districtAdmin, "沾益区", "DISTRICT", null);
        String street = node(districtAdmin, "龙华街道", "STREET", district);
        String community = node(districtAdmin, "清河社区", "COMMUNITY", street);
        String grid = node(districtAdmin, "大为小区网格", "GRID", community);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(suite.gateway())
                .header("Authorization", districtAdmin).get("/api/v1/requests/grid-nodes/" + grid)
                .then().statusCode(200));

        // the member who will take the ticket, registered at the grid (居住地报到), so study-service knows the person
        String memberPerson = given().baseUri(suite.gateway()).header("Authorization", districtAdmin)
                .contentType(ContentType.JSON).body("""
                        {"name": "陈党员", "phone": "13812345678", "address": "大为小区 3 栋", "idNumber": null,
                         "homeNodeId": "%s", "subject": "it-member"}""".formatted(grid))
                .post("/api/v1/people").then().statusCode(201).extract().path("id");
        given().baseUri(suite.gateway()).header("Authorization", districtAdmin).contentType(ContentType.JSON)
                .body("""
                        {"personId": "%s", "role": "PARTY_MEMBER", "startDate": "%s", "endDate": null,
                         "workOrganisation": null}""".formatted(memberPerson, LocalDate.now(ZoneId.of("Asia/Shanghai"))))
                .post("/api/v1/grids/" + grid + "/assignments").then().statusCode(201);

        // the registry makes the worker and the administrator what they are; their tokens say only "staff"
        registryAssignment(districtAdmin, "it-worker", grid, "GRID_WORKER");
        registryOrgAdmin(districtAdmin, "it-org-admin", street);
        String citizen = token("it-citizen", "citizen", null);
        String worker = token("it-worker", "staff", null);
        String member = token("it-member", "citizen", null);
        String orgAdmin = token("it-org-admin", "staff", null);

        given().baseUri(suite.gateway()).header("Authorization", citizen).get("/api/v1/request-categories")
                .then().statusCode(200).body("code", hasItem("water-pipe"));
        String ticket = given().baseUri(suite.gateway()).header("Authorization", citizen)
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body("{\"category\": \"water-pipe\", \"title\": \"大为小区 3 栋水管爆裂\", \"gridNodeId\": \"" + grid
                        + "\", \"attributes\": {\"water_cut\": \"yes\"}, \"contact\": {\"phone\": \"13800001234\"}}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");

        move(worker, ticket, "accept", null).statusCode(200).body("status", equalTo("ACCEPTED"));
        // dispatch names the person of the registry; request-service knows them once the registration reached it
        // over grid.events (until then the dispatch is a 400 that changes nothing, so it is simply asked again)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> move(worker, ticket, "dispatch",
                "{\"targetType\": \"PERSON\", \"targetId\": \"" + memberPerson + "\"}")
                .statusCode(200).body("status", equalTo("DISPATCHED")).body("dispatchTargetName", equalTo("陈党员")));
        move(citizen, ticket, "sign", null).statusCode(403);
        // the member's home screen, composed by the gateway from the three services: the ticket is waiting for them
        given().baseUri(suite.gateway()).header("Authorization", member).get("/api/v1/me/work").then().statusCode(200)
                .body("partial", equalTo(false))
                .body("items.find { it.id == '" + ticket + "' }.kind", equalTo("TICKET_DISPATCHED_TO_ME"))
                .body("counts.TICKET_DISPATCHED_TO_ME", equalTo(1));
        given().baseUri(suite.gateway()).header("Authorization", member).get("/api/v1/me").then().statusCode(200)
                .body("person.person.id", equalTo(memberPerson));
        move(member, ticket, "sign", null).statusCode(200).body("assignee", equalTo("it-member"));
        move(member, ticket, "start", null).statusCode(200);
        move(member, ticket, "resolve", "{\"outcome\": \"FIXED\", \"notes\": \"已更换水管\"}").statusCode(200);
        move(citizen, ticket, "rate", "{\"rating\": 5, \"comment\": \"很及时\"}").statusCode(200)
                .body("status", equalTo("CLOSED"));
        // 实践: the rating reaches study-service over Kafka as practice and points for the member who signed
        long rated = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                given().baseUri(suite.gateway()).header("Authorization", districtAdmin)
                        .get("/api/v1/study/members/" + memberPerson + "/points").then().statusCode(200)
                        .body("balance", equalTo(5)));
        System.out.printf("request rated -> PRACTICE points visible in study-service after %d ms%n",
                (System.nanoTime() - rated) / 1_000_000);
        given().baseUri(suite.gateway()).header("Authorization", districtAdmin)
                .get("/api/v1/study/members/" + memberPerson + "/practice").then().statusCode(200)
                .body("[0].requestId", equalTo(ticket)).body("[0].rating", equalTo(5));
        move(citizen, ticket, "withdraw", null).statusCode(409).contentType("application/problem+json");

        // a second ticket: 督办 up to the street, an extension asked for and granted by the street's admin
        String second = given().baseUri(suite.gateway()).header("Authorization", citizen)
                .contentType(ContentType.JSON)
                .body("{\"category\": \"neighbour-dispute\", \"title\": \"楼上噪音\", \"gridNodeId\": \"" + grid + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
        move(worker, second, "accept", null).statusCode(200);
        move(worker, second, "escalate", "{\"reason\": \"需要社区协调\"}").statusCode(200)
                .body("sla.responsibleNodeId", equalTo(community));
        move(orgAdmin, second, "escalate", "{\"reason\": \"街道督办\"}").statusCode(200)
                .body("sla.escalationLevel", equalTo(2));
        given().baseUri(suite.gateway()).header("Authorization", orgAdmin).queryParam("nodeId", street)
                .get("/api/v1/requests/escalated").then().statusCode(200).body("items.id", hasItem(second))
                .body("items[0].contact", equalTo(null));
        move(worker, second, "extension", "{\"minutes\": 1440, \"reason\": \"双方约定周末调解\"}").statusCode(200);
        move(orgAdmin, second, "extension/approve", null).statusCode(200)
                .body("sla.pendingExtension", equalTo(null));

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        given().baseUri(suite.gateway()).header("Authorization", orgAdmin).queryParam("gridNodeId", street)
                .queryParam("from", today).queryParam("to", today).get("/api/v1/requests/stats").then()
                .statusCode(200).body("submitted", equalTo(2)).body("satisfied", equalTo(1))
                .body("escalated", equalTo(1)).body("headline", equalTo("办实事 1 项 / 评价 1 项"))
                .body("topCategories.category", equalTo(List.of("neighbour-dispute", "water-pipe")));
        given().baseUri(suite.gateway()).header("Authorization", citizen).get("/api/v1/requests/" + ticket + "/timeline")
                .then().statusCode(200).body("items.action",
                        equalTo(List.of("ACCEPT", "DISPATCH", "SIGN", "START", "RESOLVE", "RATE")))
                .body("items[0].at", notNullValue());
    }
}
