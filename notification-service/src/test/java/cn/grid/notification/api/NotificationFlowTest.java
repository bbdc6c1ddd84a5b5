package cn.grid.notification.api;

import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole way: real CloudEvents published to Kafka (as request-, study- and grid-service publish them) → the
 * consumers → the rules over the grid read models → the inboxes, read over HTTP with real JWTs.
 */
@QuarkusTest
class NotificationFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final UUID node = UUID.randomUUID();
    private final String path = "/" + node + "/";

    @Test
    void aTicketsLifeReachesTheStaffTheAssigneeAndTheCitizen() throws Exception {
        String worker = "worker-" + tag;
        String member = "member-" + tag;
        String citizen = "citizen-" + tag;
        gridWith(worker, member);
        UUID request = UUID.randomUUID();

        // submitted: the grid's worker is told
        Map<String, Object> submitted = new HashMap<>();
        submitted.put("requestId", request.toString());
        submitted.put("title", "楼道灯不亮 " + tag);
        submitted.put("gridNodeId", node.toString());
        submitted.put("reporterId", citizen);
        TestGridEvents.publish("request.events", "request.submitted.v1", request, submitted);
        JsonPath workerInbox = awaitInbox(worker, "staff", 1);
        assertThat(workerInbox.getString("items[0].kind")).isEqualTo("request.submitted");
        assertThat(workerInbox.getString("items[0].title")).isEqualTo("新工单待受理：楼道灯不亮 " + tag);
        assertThat(workerInbox.getString("items[0].resourceType")).isEqualTo("request");
        assertThat(workerInbox.getString("items[0].resourceId")).isEqualTo(request.toString());
        assertThat(workerInbox.getString("items[0].sourceEventType")).isEqualTo("cn.grid.request.submitted.v1");
        assertThat(workerInbox.getString("items[0].readAt")).isNull();
        assertThat(workerInbox.getInt("unreadCount")).isEqualTo(1);

        // accepted by the worker: the citizen (a login the registry does not know) is told, the worker is not
        TestGridEvents.publish("request.events", "request.accepted.v1", request, move(request, worker, null));
        JsonPath citizenInbox = awaitInbox(citizen, "citizen", 1);
        assertThat(citizenInbox.getString("items[0].kind")).isEqualTo("request.accepted");
        assertThat(citizenInbox.getString("items[0].title")).isEqualTo("您的诉求已受理：楼道灯不亮 " + tag);

        // dispatched to the member by the worker, delivered twice (a redelivery): one notification, to the member
        Map<String, Object> dispatch = move(request, worker, null);
        dispatch.put("dispatchPersonId", TestRegistry.personOf(member).toString());
        dispatch.put("dispatchTargetId", TestRegistry.personOf(member).toString());
        String event = event("request.dispatched.v1", request, dispatch);
        TestGridEvents.send("request.events", request.toString(), event);
        TestGridEvents.send("request.events", request.toString(), event);
        JsonPath memberInbox = awaitInbox(member, "staff", 1);
        assertThat(memberInbox.getString("items[0].kind")).isEqualTo("request.dispatched");
        assertThat(memberInbox.getString("items[0].title")).isEqualTo("新工单派给您：楼道灯不亮 " + tag);
        assertThat(memberInbox.getString("items[0].gridNodeId")).isEqualTo(node.toString());

        // resolved by the member: the citizen is asked to rate
        TestGridEvents.publish("request.events", "request.resolved.v1", request, move(request, member, member));
        citizenInbox = awaitInbox(citizen, "citizen", 2);
        assertThat(citizenInbox.getString("items[0].kind")).isEqualTo("request.resolved");
        assertThat(citizenInbox.getString("items[0].title")).isEqualTo("您的诉求已办结，请评价：楼道灯不亮 " + tag);
        assertThat(citizenInbox.getLong("items[0].seq")).isEqualTo(2);

        // the redelivered dispatch told nobody twice, and the actors heard nothing of their own moves
        assertThat(count("select count(*) from notification where source_event_id = ?",
                UUID.fromString(JSON.readTree(event).get("id").asText()))).isEqualTo(1);
        assertThat(inbox(worker, "staff").getList("items")).hasSize(1);
        assertThat(inbox(member, "staff").getList("items")).hasSize(1);
        // each notification went out as cn.grid.notification.created.v1, keyed by its inbox
        assertThat(count("select count(*) from outbox_event where event_type = 'cn.grid.notification.created.v1' "
                + "and event_key = ?", "subject:" + citizen)).isEqualTo(2);
    }

    @Test
    void lectureOrdersAndRegistrationsReachTheirPeople() throws Exception {
        String worker = "reviewer-" + tag;
        String member = "speaker-" + tag;
        gridWith(worker, member);

        UUID order = UUID.randomUUID();
        Map<String, Object> placed = new HashMap<>();
        placed.put("orderId", order.toString());
        placed.put("title", "微党课 " + tag);
        placed.put("gridNodeId", node.toString());
        placed.put("speakerSubject", member);
        placed.put("speakerPersonId", null);
        placed.put("placedBy", worker);
        TestGridEvents.publish("study.events", "study.lecture-order.placed.v1", order, placed);
        JsonPath speaker = awaitInbox(member, "staff", 1);
        assertThat(speaker.getString("items[0].kind")).isEqualTo("lecture-order.placed");
        assertThat(speaker.getString("items[0].resourceType")).isEqualTo("lecture-order");
        assertThat(speaker.getString("items[0].resourceId")).isEqualTo(order.toString());

        UUID registration = UUID.randomUUID();
        Map<String, Object> registering = new HashMap<>();
        registering.put("registrationId", registration.toString());
        registering.put("subject", "newcomer-" + tag);
        registering.put("personName", "新来的 " + tag);
        registering.put("gridNodeId", node.toString());
        registering.put("gridPath", path);
        TestGridEvents.publish("grid.registration.submitted.v1", registration, registering);
        JsonPath reviewer = awaitInbox(worker, "staff", 1);
        assertThat(reviewer.getString("items[0].kind")).isEqualTo("registration.submitted");
        assertThat(reviewer.getString("items[0].title")).isEqualTo("居住地报到待审核：新来的 " + tag);
    }

    /** A grid node with a grid worker and a volunteer (a current grant, so the registry knows their person). */
    private void gridWith(String worker, String member) {
        TestGridEvents.nodeCreated(node, null, path, "GRID", "G-" + tag, "测试网格 " + tag);
        TestRegistry.assign(worker, node, path, "GRID_WORKER");
        TestRegistry.assign(member, node, path, "VOLUNTEER");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from grid_node_view where id = ?", node) == 1);
    }

    private Map<String, Object> move(UUID request, String actor, String assignee) {
        Map<String, Object> data = new HashMap<>();
        data.put("requestId", request.toString());
        data.put("actor", actor);
        data.put("assignee", assignee);
        data.put("gridNodeId", node.toString());
        data.put("gridPath", path);
        data.put("dispatchPersonId", null);
        data.put("dispatchTargetId", null);
        data.put("assigneePersonId", assignee == null ? null : TestRegistry.personOf(assignee).toString());
        return data;
    }

    /** The example event {@code name} as request-service would publish it, with a fresh id. */
    private static String event(String name, UUID subject, Map<String, Object> data) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(TestGridEvents.example(name));
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", subject.toString());
        event.put("time", Instant.now().toString());
        event.remove("subjectsequence");
        ObjectNode body = (ObjectNode) event.get("data");
        data.forEach((field, value) -> body.set(field, JSON.valueToTree(value)));
        return JSON.writeValueAsString(event);
    }

    static JsonPath inbox(String subject, String role) {
        return given().auth().oauth2(TestJwt.token(subject, null, role))
                .when().get("/api/v1/me/notifications")
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitInbox(String subject, String role, int size) {
        await("the inbox of " + subject + " holds " + size).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> inbox(subject, role).getList("items").size() >= size);
        JsonPath inbox = inbox(subject, role);
        List<Object> items = inbox.getList("items");
        assertThat(items).hasSize(size);
        return inbox;
    }

    private long count(String sql, Object value) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, value);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
