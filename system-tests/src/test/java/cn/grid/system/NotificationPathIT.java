package cn.grid.system;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 20 through the packaged suite: a ticket dispatched to a party member reaches that member's inbox at
 * notification-service — request.events → its rules → the inbox — read through the gateway, and counts in the
 * member's home screen ({@code /api/v1/me}) until it is read.
 */
class NotificationPathIT extends AgainstTheSuite {

    @Test
    void aDispatchedTicketIsInTheAssigneesInboxAndCountsOnTheirHomeScreenUntilRead() {
        String admin = RequestLifecycleIT.token("np-district-admin", "district-admin", null);
        String district = node(admin, "沾益区", "DISTRICT", null);
        String street = node(admin, "龙华街道", "STREET", district);
        String community = node(admin, "清河社区", "COMMUNITY", street);
        String grid = node(admin, "大为小区网格", "GRID", community);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(suite.gateway())
                .header("Authorization", admin).get("/api/v1/requests/grid-nodes/" + grid).then().statusCode(200));

        String memberPerson = registryPerson(admin, "np-member", grid);
        given().baseUri(suite.gateway()).header("Authorization", admin).contentType(ContentType.JSON)
                .body("""
                        {"personId": "%s", "role": "PARTY_MEMBER", "startDate": "%s", "endDate": null,
                         "workOrganisation": null}""".formatted(memberPerson, LocalDate.now(ZoneId.of("Asia/Shanghai"))))
                .post("/api/v1/grids/" + grid + "/assignments").then().statusCode(201);
        registryAssignment(admin, "np-worker", grid, "GRID_WORKER");
        String citizen = RequestLifecycleIT.token("np-citizen", "citizen", null);
        String worker = RequestLifecycleIT.token("np-worker", "staff", null);
        String member = RequestLifecycleIT.token("np-member", "citizen", null);

        String ticket = given().baseUri(suite.gateway()).header("Authorization", citizen)
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body("{\"category\": \"water-pipe\", \"title\": \"大为小区 5 栋水管漏水\", \"gridNodeId\": \"" + grid
                        + "\", \"attributes\": {\"water_cut\": \"no\"}, \"contact\": {\"phone\": \"13800005678\"}}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
        RequestLifecycleIT.move(worker, ticket, "accept", null).statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RequestLifecycleIT.move(worker, ticket, "dispatch",
                "{\"targetType\": \"PERSON\", \"targetId\": \"" + memberPerson + "\"}").statusCode(200)
                .body("status", equalTo("DISPATCHED")));
        long dispatched = System.nanoTime();

        // request.events → notification-service's rules → the member's inbox (person:<id>: the login is linked)
        Map<String, Object> notification = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> dispatchedNotification(member, ticket), n -> n != null);
        System.out.printf("dispatch → the assignee's inbox through the gateway: %d ms%n",
                Duration.ofNanos(System.nanoTime() - dispatched).toMillis());
        assertThat(notification.get("readAt")).isNull();
        assertThat(notification.get("sourceEventType")).isEqualTo("cn.grid.request.dispatched.v1");

        JsonPath me = given().baseUri(suite.gateway()).header("Authorization", member).get("/api/v1/me")
                .then().statusCode(200).extract().jsonPath();
        assertThat(me.getLong("notifications.unreadCount")).isGreaterThanOrEqualTo(1);
        assertThat(me.getList("missing.part")).doesNotContain("notifications");

        // read: gone from the unread count; another login cannot see or mark it
        String id = String.valueOf(notification.get("id"));
        given().baseUri(suite.gateway()).header("Authorization", citizen)
                .post("/api/v1/me/notifications/" + id + "/read").then().statusCode(404)
                .contentType("application/problem+json");
        long before = me.getLong("notifications.unreadCount");
        given().baseUri(suite.gateway()).header("Authorization", member)
                .post("/api/v1/me/notifications/" + id + "/read").then().statusCode(204);
        given().baseUri(suite.gateway()).header("Authorization", member).get("/api/v1/me/notifications")
                .then().statusCode(200).body("unreadCount", equalTo((int) before - 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dispatchedNotification(String token, String ticket) {
        List<Map<String, Object>> items = given().baseUri(suite.gateway()).header("Authorization", token)
                .queryParam("kind", "request.dispatched").get("/api/v1/me/notifications")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(n -> ticket.equals(n.get("resourceId"))).findFirst().orElse(null);
    }
}
