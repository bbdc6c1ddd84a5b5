package cn.grid.notification.webhook;

import cn.grid.testsupport.WebhookReceiver;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Webhooks end to end: events on the real broker, the real service, a real HTTP receiver in the test that checks
 * every signature with its own code. The test profile's retry schedule is 0.3 s, 0.6 s, 0.9 s, 1.2 s (5 attempts).
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final String BASE = "/api/v1/webhooks/subscriptions";
    private static final String MONTH_CLOSED = "cn.grid.study.month.closed.v1";
    private static WebhookReceiver receiver;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @AfterEach
    void forgetSubscriptions() throws Exception {
        receiver.releaseHeld();
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("delete from webhook_subscription");
        }
    }

    // ---- delivery ----------------------------------------------------------------------------------------------

    @Test
    void verifiesTheUrlThenDeliversSignedEventsInOrderAndRedeliversUnderTheSameWebhookId() throws Exception {
        JsonPath created = create(admin(), receiver.url("/ordered"), List.of("cn.grid.request.*"), null)
                .statusCode(201).body("secret", startsWith("whsec_")).body("status", equalTo("ACTIVE"))
                .extract().jsonPath();
        String id = created.getString("id");
        String secret = created.getString("secret");
        assertThat(receiver.verifications("/ordered")).singleElement()
                .satisfies(v -> assertThat(WebhookReceiver.verifies(v, secret)).isTrue());

        UUID ticket = UUID.randomUUID();
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            published.add(TestGridEvents.publish("request.events", "request.dispatched.v1", ticket,
                    Map.of("reason", "step " + i)));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveries("/ordered").size() >= 5);
        List<WebhookReceiver.Received> got = receiver.deliveries("/ordered");
        String diagnosis = rows(id) + "\nreceived: " + got.stream().map(r -> r.webhookId() + " " + r.eventId()).toList();
        assertThat(got.stream().map(WebhookReceiver.Received::eventId).toList()).withFailMessage(diagnosis)
                .containsExactlyElementsOf(published);
        assertThat(got).allSatisfy(r -> {
            assertThat(WebhookReceiver.verifies(r, secret)).as("signature of " + r.webhookId()).isTrue();
            assertThat(JsonPath.from(r.body()).getString("specversion")).isEqualTo("1.0");
        });
        // the log: webhook-id is the delivery's id; all SUCCEEDED with the receiver's 204
        List<String> logged = given().spec(admin()).get(BASE + "/" + id + "/deliveries?status=SUCCEEDED&limit=100")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(logged).containsExactlyInAnyOrderElementsOf(got.stream().map(WebhookReceiver.Received::webhookId).toList());
        String first = got.get(0).webhookId();
        given().spec(admin()).get(BASE + "/" + id + "/deliveries/" + first).then().statusCode(200)
                .body("status", equalTo("SUCCEEDED")).body("attemptLog[0].responseCode", equalTo(204))
                .body("eventId", equalTo(published.get(0)));

        // keyset paging over the log
        JsonPath page1 = given().spec(admin()).get(BASE + "/" + id + "/deliveries?limit=2").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page1.getList("items")).hasSize(2);
        JsonPath page2 = given().spec(admin()).queryParam("cursor", page1.getString("nextCursor"))
                .get(BASE + "/" + id + "/deliveries?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(page2.getList("items.id", String.class)).doesNotContainAnyElementsOf(page1.getList("items.id"));

        // one delivery again: the same webhook-id, signed anew
        given().spec(admin()).post(BASE + "/" + id + "/deliveries/" + first + "/redeliver").then().statusCode(202)
                .body("redeliveries", equalTo(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries("/ordered").size() >= 6);
        WebhookReceiver.Received again = receiver.deliveries("/ordered").get(5);
        assertThat(again.webhookId()).isEqualTo(first);
        assertThat(WebhookReceiver.verifies(again, secret)).isTrue();

        // a time range again: every delivery of it, in the original order, same ids
        await().atMost(Duration.ofSeconds(10)).until(() -> given().spec(admin())
                .get(BASE + "/" + id + "/deliveries?status=PENDING").jsonPath().getList("items").isEmpty());
        given().spec(admin()).contentType(ContentType.JSON)
                .body(Map.of("from", OffsetDateTime.now().minusHours(1).toString(),
                        "to", OffsetDateTime.now().plusMinutes(1).toString()))
                .post(BASE + "/" + id + "/redeliver").then().statusCode(202).body("queued", equalTo(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries("/ordered").size() >= 11);
        assertThat(receiver.deliveries("/ordered").subList(6, 11)).extracting(WebhookReceiver.Received::webhookId)
                .containsExactlyElementsOf(got.stream().map(WebhookReceiver.Received::webhookId).toList());

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("grid_webhook_attempts_total{outcome=\"succeeded\""))
                .body(containsString("grid_webhook_deliveries{status=\"SUCCEEDED\""));
    }

    @Test
    void aReceiverDownThenUpGetsEverythingInOrderTheFailingOneUnderOneWebhookId() {
        receiver.deliver("/flaky", WebhookReceiver.Deliver.FAIL_503);
        String secret = create(admin(), receiver.url("/flaky"), List.of(MONTH_CLOSED), null).statusCode(201)
                .extract().path("secret");
        UUID org = UUID.randomUUID();
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            published.add(TestGridEvents.publish("study.events", "study.month.closed.v1", org, Map.of("members", i)));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveries("/flaky").size() >= 2);
        // the head is retried; the ones behind it wait
        assertThat(receiver.deliveries("/flaky")).extracting(WebhookReceiver.Received::eventId).containsOnly(published.get(0));
        receiver.deliver("/flaky", WebhookReceiver.Deliver.OK);

        await().atMost(Duration.ofSeconds(20)).until(() -> distinctEvents("/flaky").size() >= 3);
        assertThat(distinctEvents("/flaky")).containsExactlyElementsOf(published);
        List<WebhookReceiver.Received> got = receiver.deliveries("/flaky");
        assertThat(got.stream().filter(r -> r.eventId().equals(published.get(0))).map(WebhookReceiver.Received::webhookId)
                .distinct()).hasSize(1);
        assertThat(got).allSatisfy(r -> assertThat(WebhookReceiver.verifies(r, secret)).isTrue());
    }

    @Test
    void aSlowReceiverDoesNotDelayAnotherSubscription() {
        receiver.deliver("/slow", WebhookReceiver.Deliver.HOLD);
        create(admin(), receiver.url("/slow"), List.of(MONTH_CLOSED), null).statusCode(201);
        create(admin(), receiver.url("/quick"), List.of(MONTH_CLOSED), null).statusCode(201);

        String event = TestGridEvents.publish("study.events", "study.month.closed.v1", UUID.randomUUID(), Map.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.deliveries("/slow").isEmpty());
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.deliveries("/quick").isEmpty());
        // the slow receiver still holds its request (released only after the test) while the other got it
        assertThat(receiver.deliveries("/quick")).extracting(WebhookReceiver.Received::eventId).containsExactly(event);
    }

    @Test
    void afterTheWholeScheduleTheSubscriptionIsDisabledAnnouncedAndCanBeEnabledAgain() throws Exception {
        receiver.deliver("/dead", WebhookReceiver.Deliver.FAIL_500);
        String id = create(admin(), receiver.url("/dead"), List.of(MONTH_CLOSED), null).statusCode(201)
                .extract().path("id");
        String event = TestGridEvents.publish("study.events", "study.month.closed.v1", UUID.randomUUID(), Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> "DISABLED".equals(
                given().spec(admin()).get(BASE + "/" + id).jsonPath().getString("status")));
        JsonPath failed = given().spec(admin()).get(BASE + "/" + id + "/deliveries?status=FAILED").then()
                .statusCode(200).extract().jsonPath();
        assertThat(failed.getList("items")).hasSize(1);
        assertThat(failed.getInt("items[0].attempts")).isEqualTo(5);
        assertThat(failed.getInt("items[0].lastResponseCode")).isEqualTo(500);
        assertThat(receiver.deliveries("/dead")).hasSize(5).extracting(WebhookReceiver.Received::webhookId)
                .containsOnly(failed.getString("items[0].id"));
        given().spec(admin()).get(BASE + "/" + id).then().body("disabledReason", containsString("5 attempts"));
        assertThat(count("select count(*) from outbox_event where event_type = ? and event_key = ?",
                "cn.grid.notification.webhook.disabled.v1", id)).isEqualTo(1);
        // its creator (a login without a registry person: the subject's inbox) is told
        given().spec(admin()).get("/api/v1/me/notifications?kind=webhook.disabled&limit=100").then().statusCode(200)
                .body("items.resourceId", hasItem(id)).body("items.title", hasItem(containsString("/dead")));

        // a disabled subscription gets no new deliveries
        TestGridEvents.publish("study.events", "study.month.closed.v1", UUID.randomUUID(), Map.of());
        String marker = TestGridEvents.publish("study.events", "study.month.closed.v1", UUID.randomUUID(), Map.of());
        create(admin(), receiver.url("/witness"), List.of(MONTH_CLOSED), null).statusCode(201);
        String witnessed = TestGridEvents.publish("study.events", "study.month.closed.v1", UUID.randomUUID(), Map.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveries("/witness").stream()
                .anyMatch(r -> r.eventId().equals(witnessed)));
        assertThat(count("select count(*) from webhook_delivery where subscription_id = ?::uuid", id)).isEqualTo(1);
        assertThat(marker).isNotEqualTo(event);

        // enabled again by its manager, the failed delivery redelivered: it arrives
        receiver.deliver("/dead", WebhookReceiver.Deliver.OK);
        given().spec(admin()).contentType(ContentType.JSON)
                .body(body(receiver.url("/dead"), List.of(MONTH_CLOSED), null, true))
                .put(BASE + "/" + id).then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().spec(admin()).post(BASE + "/" + id + "/deliveries/" + failed.getString("items[0].id") + "/redeliver")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(given().spec(admin())
                .get(BASE + "/" + id + "/deliveries/" + failed.getString("items[0].id")).jsonPath().getString("status")));
        assertThat(receiver.deliveries("/dead")).hasSize(6);
        given().spec(admin()).get(BASE + "/" + id + "/deliveries/" + failed.getString("items[0].id")).then()
                .body("attemptLog.size()", equalTo(6)).body("redeliveries", equalTo(1));
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneDuringTheGracePeriod() {
        JsonPath created = create(admin(), receiver.url("/rotated"), List.of(MONTH_CLOSED), null).statusCode(201)
                .extract().jsonPath();
        String oldSecret = created.getString("secret");
        String newSecret = given().spec(admin()).post(BASE + "/" + created.getString("id") + "/rotate-secret").then()
                .statusCode(200).body("previousSecretValidUntil", not(equalTo(null))).extract().path("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        given().spec(admin()).get(BASE + "/" + created.getString("id")).then().body("secret", equalTo(null));

        TestGridEvents.publish("study.events", "study.month.closed.v1", UUID.randomUUID(), Map.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.deliveries("/rotated").isEmpty());
        WebhookReceiver.Received r = receiver.deliveries("/rotated").get(0);
        assertThat(r.signature().split(" ")).hasSize(2);
        assertThat(WebhookReceiver.verifies(r, newSecret)).isTrue();
        assertThat(WebhookReceiver.verifies(r, oldSecret)).isTrue();
    }

    @Test
    void aSubtreeSubscriptionGetsOnlyEventsInItsSubtreeAndNoneWithoutAGridNode() {
        UUID root = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        node(root, null, "/" + root + "/");
        node(child, root, "/" + root + "/" + child + "/");
        node(other, null, "/" + other + "/");
        create(admin(), receiver.url("/subtree"), List.of("cn.grid.request.*", MONTH_CLOSED), root).statusCode(201);

        UUID ticket = UUID.randomUUID();
        TestGridEvents.publish("request.events", "request.dispatched.v1", ticket,
                Map.of("gridNodeId", other.toString(), "gridPath", "/" + other + "/"));
        TestGridEvents.publish("study.events", "study.month.closed.v1", ticket, Map.of());
        String inside = TestGridEvents.publish("request.events", "request.dispatched.v1", ticket,
                Map.of("gridNodeId", child.toString(), "gridPath", "/" + child + "/"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.deliveries("/subtree").isEmpty());
        // the other grid's event was on the same partition before it: it was handled and not delivered; the path
        // is the registry's (the read model), not the one the event carried
        assertThat(receiver.deliveries("/subtree")).extracting(WebhookReceiver.Received::eventId).containsExactly(inside);
    }

    @Test
    void aSubtreeSubscriptionFollowsItsSubtreeWhenTheRegistryMovesIt() {
        UUID street = UUID.randomUUID();
        UUID otherStreet = UUID.randomUUID();
        UUID community = UUID.randomUUID();
        node(street, null, "/" + street + "/");
        node(otherStreet, null, "/" + otherStreet + "/");
        node(community, street, "/" + street + "/" + community + "/");
        create(admin(), receiver.url("/moved"), List.of("cn.grid.request.*"), community).statusCode(201);

        // the community moves to the other street: the subscription's copy of its path must move with it
        String newPath = "/" + otherStreet + "/" + community + "/";
        TestGridEvents.publish("grid.node.moved.v1", community, Map.of("nodeId", community.toString(),
                "oldParentId", street.toString(), "newParentId", otherStreet.toString(),
                "oldPath", "/" + street + "/" + community + "/", "newPath", newPath, "level", "COMMUNITY"));
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "select count(*) from webhook_subscription where grid_path = ?", newPath) == 1);

        String inside = TestGridEvents.publish("request.events", "request.dispatched.v1", UUID.randomUUID(),
                Map.of("gridNodeId", community.toString(), "gridPath", newPath));
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.deliveries("/moved").isEmpty());
        assertThat(receiver.deliveries("/moved")).extracting(WebhookReceiver.Received::eventId).containsExactly(inside);
    }

    @Test
    void aDeliveryLeasedByAnInstanceThatDiedIsSentByAnotherOnceTheLeaseRunsOut() throws Exception {
        // what a kill -9 mid-send leaves in the database: the subscription leased by a sender that no longer runs,
        // its head delivery PENDING; nothing else anywhere
        UUID subscription = UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        String secret = cn.grid.notification.domain.webhook.WebhookSignature.newSecret();
        String payload = TestGridEvents.example("study.month.closed.v1");
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into webhook_subscription (id, url, event_types, secret, owner_subject, last_seq,
                        lease_owner, lease_until)
                    values (?, ?, array['cn.grid.study.*'], ?, 'district.ops', 1, 'sender-killed', now() - interval '1 second')""")) {
                ps.setObject(1, subscription);
                ps.setString(2, receiver.url("/orphaned"));
                ps.setString(3, secret);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into webhook_delivery (id, subscription_id, seq, event_id, event_type, payload, attempts)
                    values (?, ?, 1, ?, 'cn.grid.study.month.closed.v1', ?, 1)""")) {
                ps.setObject(1, delivery);
                ps.setObject(2, subscription);
                ps.setObject(3, UUID.randomUUID());
                ps.setString(4, payload);
                ps.executeUpdate();
            }
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.deliveries("/orphaned").isEmpty());
        WebhookReceiver.Received r = receiver.deliveries("/orphaned").get(0);
        assertThat(r.webhookId()).isEqualTo(delivery.toString());
        assertThat(r.body()).isEqualTo(payload);
        assertThat(WebhookReceiver.verifies(r, secret)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from webhook_subscription where id = ?::uuid and lease_owner is null",
                subscription.toString()) == 1);
    }

    // ---- bad input and rights ----------------------------------------------------------------------------------

    @Test
    void everyRefusedSubscriptionIsA422NamingTheFieldAndStoresNothing() throws Exception {
        receiver.verify("/wrong-echo", WebhookReceiver.Verify.WRONG_ECHO);
        receiver.verify("/refusing", WebhookReceiver.Verify.FAIL);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long before = count("select count(*) from webhook_subscription");
        List<String> types = List.of(MONTH_CLOSED);

        refused(body("ftp://example.com/hook", types, null, null), "url");
        refused(body("https://example.com/" + "a".repeat(2048), types, null, null), "url");
        refused(body("https://user:secret@example.com/hook", types, null, null), "url");
        refused(body(null, types, null, null), "url");
        refused(body("http://127.0.0.1:" + closedPort + "/hook", types, null, null), "url");
        refused(body(receiver.url("/wrong-echo"), types, null, null), "url");
        refused(body(receiver.url("/refusing"), types, null, null), "url");
        refused(body(receiver.url("/ok"), List.of("cn.grid.request.exploded.v1"), null, null), "eventTypes[0]");
        refused(body(receiver.url("/ok"), List.of(MONTH_CLOSED, "cn.grid.parcel.*"), null, null), "eventTypes[1]");
        refused(body(receiver.url("/ok"), List.of(), null, null), "eventTypes");
        refused(body(receiver.url("/ok"), types, UUID.randomUUID(), null), "gridNodeId");
        Map<String, Object> longDescription = body(receiver.url("/ok"), types, null, null);
        longDescription.put("description", "x".repeat(501));
        refused(longDescription, "description");

        assertThat(count("select count(*) from webhook_subscription")).isEqualTo(before);
        assertThat(receiver.verifications("/wrong-echo")).hasSize(1);

        String id = create(admin(), receiver.url("/ranges"), types, null).statusCode(201).extract().path("id");
        given().spec(admin()).contentType(ContentType.JSON)
                .body(Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-03-01T00:00:00Z"))
                .post(BASE + "/" + id + "/redeliver").then().statusCode(422).body("errors.field", hasItem("to"));
        given().spec(admin()).contentType(ContentType.JSON)
                .body(Map.of("from", "2026-03-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
                .post(BASE + "/" + id + "/redeliver").then().statusCode(422).body("errors.field", hasItem("to"));
        given().spec(admin()).get(BASE + "/" + id + "/deliveries?status=LOST").then().statusCode(400);
    }

    @Test
    void onlyDistrictWideCallersAndStaffOverTheSubtreeManageSubscriptions() {
        UUID grid = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        node(grid, null, "/" + grid + "/");
        node(elsewhere, null, "/" + elsewhere + "/");
        String workerSubject = "worker-" + grid;
        TestRegistry.assign(workerSubject, grid, "/" + grid + "/", "GRID_WORKER");
        RequestSpecification worker = as(TestJwt.token(workerSubject, null, Roles.STAFF));
        RequestSpecification citizen = as(TestJwt.token("citizen-" + grid, null, Roles.CITIZEN));
        RequestSpecification service = as(TestJwt.token("hotline-12345", null, Roles.SERVICE));
        List<String> types = List.of(MONTH_CLOSED);

        String everywhere = create(admin(), receiver.url("/rights"), types, null).statusCode(201).extract().path("id");
        String workers = create(worker, receiver.url("/rights"), types, grid).statusCode(201).extract().path("id");
        create(service, receiver.url("/rights"), types, null).statusCode(201);
        create(worker, receiver.url("/rights"), types, null).statusCode(403);
        create(worker, receiver.url("/rights"), types, elsewhere).statusCode(403);
        create(citizen, receiver.url("/rights"), types, grid).statusCode(403);

        assertThat(given().spec(worker).get(BASE).then().statusCode(200).extract().jsonPath().getList("items.id"))
                .containsExactly(workers);
        given().spec(worker).get(BASE + "/" + everywhere).then().statusCode(403);
        given().spec(worker).delete(BASE + "/" + everywhere).then().statusCode(403);
        given().spec(citizen).get(BASE).then().statusCode(403);
        given().spec(citizen).get(BASE + "/" + workers).then().statusCode(403);
        assertThat(given().spec(admin()).get(BASE + "?limit=100").then().statusCode(200).extract().jsonPath()
                .getList("items.id")).contains(everywhere, workers);
        given().spec(admin()).get(BASE + "/" + workers).then().statusCode(200).body("secret", equalTo(null));
        given().get(BASE).then().statusCode(401);

        given().spec(worker).delete(BASE + "/" + workers).then().statusCode(204);
        given().spec(admin()).get(BASE + "/" + workers).then().statusCode(404);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static RequestSpecification admin() {
        return as(TestJwt.token("district.ops", null, Roles.DISTRICT_ADMIN));
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static Map<String, Object> body(String url, List<String> types, UUID gridNodeId, Boolean enabled) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("eventTypes", types);
        body.put("gridNodeId", gridNodeId == null ? null : gridNodeId.toString());
        body.put("description", "test receiver");
        if (enabled != null) {
            body.put("enabled", enabled);
        }
        return body;
    }

    private static io.restassured.response.ValidatableResponse create(RequestSpecification caller, String url,
            List<String> types, UUID gridNodeId) {
        return given().spec(caller).contentType(ContentType.JSON).body(body(url, types, gridNodeId, null))
                .post(BASE).then();
    }

    private static void refused(Map<String, Object> body, String field) {
        given().spec(admin()).contentType(ContentType.JSON).body(body).post(BASE).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://grid-suite.cn/problems/unprocessable"))
                .body("errors.field", hasItem(field));
    }

    private Set<String> distinctEvents(String path) {
        Set<String> ids = new LinkedHashSet<>();
        receiver.deliveries(path).forEach(r -> ids.add(r.eventId()));
        return ids;
    }

    private void node(UUID id, UUID parent, String path) {
        TestGridEvents.nodeCreated(id, parent, path, parent == null ? "STREET" : "GRID", "N-" + id, "测试网格");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from grid_node_view where id = ?::uuid",
                id.toString()) == 1);
    }

    /** The subscription's deliveries as stored, for a failure's message. */
    private String rows(String subscriptionId) throws Exception {
        StringBuilder out = new StringBuilder("deliveries by seq:");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select seq, event_id, created_at, attempts, status from webhook_delivery
                where subscription_id = ?::uuid order by seq""")) {
            ps.setString(1, subscriptionId);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.append("\n  ").append(r.getLong(1)).append(' ').append(r.getString(2)).append(' ')
                            .append(r.getString(3)).append(" attempts=").append(r.getInt(4)).append(' ')
                            .append(r.getString(5));
                }
            }
        }
        return out.toString();
    }

    private long count(String sql, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
