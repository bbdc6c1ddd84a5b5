package cn.grid.system;

import cn.grid.testsupport.SseClient;
import cn.grid.testsupport.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
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
 * member's home screen ({@code /api/v1/me}) until it is read; it reaches their open live stream, and a webhook
 * receiver run here gets the ticket's events signed per Standard Webhooks (the packaged notification-service runs
 * its prod profile: the receiver on 127.0.0.1 is allowed by GRID_NOTIFICATION_WEBHOOKS_ALLOWED_HOSTS, which
 * RunningSuite sets).
 */
class NotificationPathIT extends AgainstTheSuite {

    static final ObjectMapper JSON = new ObjectMapper();

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

    @Test
    void aDispatchedTicketReachesTheInboxTheOpenStreamAndASignedWebhook() throws Exception {
        String admin = RequestLifecycleIT.token("nt-district-admin", "district-admin", null);
        String district = node(admin, "兴隆台区", "DISTRICT", null);
        String street = node(admin, "兴盛街道", "STREET", district);
        String community = node(admin, "兴海社区", "COMMUNITY", street);
        String grid = node(admin, "兴海第三网格", "GRID", community);
        String memberLogin = "nt-member-" + UUID.randomUUID();
        String member = registryPerson(admin, memberLogin, grid);
        given().baseUri(suite.gateway()).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"PARTY_MEMBER\", \"startDate\": \"%s\"}".formatted(member,
                        LocalDate.now(ZoneId.of("Asia/Shanghai"))))
                .post("/api/v1/grids/" + grid + "/assignments").then().statusCode(201);
        registryAssignment(admin, "nt-worker", grid, "GRID_WORKER");
        String worker = RequestLifecycleIT.token("nt-worker", "staff", null);
        String memberToken = RequestLifecycleIT.token(memberLogin, "citizen", null);
        String citizen = RequestLifecycleIT.token("nt-citizen", "citizen", null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(suite.gateway())
                .header("Authorization", admin).get("/api/v1/requests/grid-nodes/" + grid).then().statusCode(200));

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // the 12345 platform's subscription: the grid's ticket events; verified before it is stored
            String secret = await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(suite.gateway())
                    .header("Authorization", admin).contentType(ContentType.JSON)
                    .body("""
                            {"url": "%s", "eventTypes": ["cn.grid.request.*"], "gridNodeId": "%s",
                             "description": "12345 热线平台"}""".formatted(receiver.url("/12345"), grid))
                    .post("/api/v1/webhooks/subscriptions").then().extract(), r -> r.statusCode() == 201)
                    .path("secret");
            assertThat(receiver.verifications("/12345")).isNotEmpty();

            // the first ticket makes sure notification-service knows the member's login as the registry's person
            String first = dispatchedTicket(citizen, worker, grid, member, "路灯不亮");
            long firstSeq = await().atMost(Duration.ofSeconds(30)).until(() -> inboxItem(memberToken, first),
                    item -> item != null).path("seq").asLong();

            try (SseClient stream = SseClient.open(URI.create(suite.gateway() + "/api/v1/me/notifications/stream"),
                    "Authorization", memberToken, "Last-Event-ID", Long.toString(firstSeq))) {
                assertThat(stream.status()).isEqualTo(200);
                String second = submitted(citizen, grid, "楼道堆放杂物");
                RequestLifecycleIT.move(worker, second, "accept", null).statusCode(200);
                long dispatched = dispatch(worker, second, member);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> stream.events()
                        .stream().anyMatch(e -> e.data().contains(second)));
                long onStream = (System.nanoTime() - dispatched) / 1_000_000;
                SseClient.Event event = stream.events().stream().filter(e -> e.data().contains(second)).findFirst()
                        .orElseThrow();
                JsonNode notification = JSON.readTree(event.data());
                assertThat(notification.path("kind").asText()).isEqualTo("request.dispatched");
                assertThat(Long.parseLong(event.id())).isGreaterThan(firstSeq);
                // the inbox holds it too, unread
                given().baseUri(suite.gateway()).header("Authorization", memberToken)
                        .get("/api/v1/me/notifications?kind=request.dispatched").then().statusCode(200)
                        .body("items[0].resourceId", equalTo(second)).body("items[0].readAt", equalTo(null));
                System.out.printf("dispatch committed -> notification on the member's open stream through the "
                        + "gateway: %d ms%n", onStream);

                // every event of both tickets reaches the receiver signed, in the order request-service published
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.deliveries("/12345").stream()
                        .filter(r -> r.body().contains(second) && r.type().equals("cn.grid.request.dispatched.v1"))
                        .count() == 1);
                List<WebhookReceiver.Received> got = receiver.deliveries("/12345");
                assertThat(got).allSatisfy(r -> assertThat(WebhookReceiver.verifies(r, secret))
                        .as("signature of %s", r.webhookId()).isTrue());
                assertThat(got.stream().filter(r -> r.body().contains(second)).map(WebhookReceiver.Received::type))
                        .containsSubsequence("cn.grid.request.submitted.v1", "cn.grid.request.accepted.v1",
                                "cn.grid.request.dispatched.v1");
                // the person's own inbox is not an integrator's business: no notification.created for this filter
                assertThat(got).noneMatch(r -> r.type().startsWith("cn.grid.notification."));
            }
            // someone else's token reads someone else's inbox only: the worker was told of submissions, not of
            // the member's dispatches
            given().baseUri(suite.gateway()).header("Authorization", worker)
                    .get("/api/v1/me/notifications?kind=request.dispatched").then().statusCode(200)
                    .body("items.size()", equalTo(0));
        }
    }

    private static JsonNode inboxItem(String token, String ticket) throws Exception {
        String body = given().baseUri(suite.gateway()).header("Authorization", token)
                .get("/api/v1/me/notifications").then().statusCode(200).extract().asString();
        for (JsonNode item : JSON.readTree(body).path("items")) {
            if (ticket.equals(item.path("resourceId").asText())) {
                return item;
            }
        }
        return null;
    }

    private static String dispatchedTicket(String citizen, String worker, String grid, String member, String title) {
        String ticket = submitted(citizen, grid, title);
        RequestLifecycleIT.move(worker, ticket, "accept", null).statusCode(200);
        dispatch(worker, ticket, member);
        return ticket;
    }

    private static String submitted(String citizen, String grid, String title) {
        return given().baseUri(suite.gateway()).header("Authorization", citizen).contentType(ContentType.JSON)
                .body("{\"type\": \"PROBLEM_REPORT\", \"title\": \"%s\", \"gridNodeId\": \"%s\"}".formatted(title, grid))
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
    }

    /** Dispatches to the member (asked again while request-service has not learnt the person); the commit's time. */
    private static long dispatch(String worker, String ticket, String member) {
        await().atMost(Duration.ofSeconds(30)).until(() -> RequestLifecycleIT.move(worker, ticket, "dispatch",
                "{\"targetType\": \"PERSON\", \"targetId\": \"" + member + "\"}").extract().statusCode() == 200);
        return System.nanoTime();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dispatchedNotification(String token, String ticket) {
        List<Map<String, Object>> items = given().baseUri(suite.gateway()).header("Authorization", token)
                .queryParam("kind", "request.dispatched").get("/api/v1/me/notifications")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(n -> ticket.equals(n.get("resourceId"))).findFirst().orElse(null);
    }
}
