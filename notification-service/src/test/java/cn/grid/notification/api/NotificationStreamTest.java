package cn.grid.notification.api;

import cn.grid.notification.app.InboxWriter;
import cn.grid.notification.app.NotificationStreams;
import cn.grid.notification.domain.NotificationDraft;
import cn.grid.notification.domain.Recipient;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.SseClient;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live stream against the real database: notifications are delivered by the InboxWriter, each in a transaction
 * of its own, and the stream is read as raw SSE lines over HTTP.
 */
@QuarkusTest
class NotificationStreamTest {

    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/me/notifications/stream")
    URI stream;

    @Inject
    InboxWriter writer;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    NotificationStreams streams;

    @Test
    void newNotificationsOfTheCallersInboxArriveWithinASecondInOrderAndNoOneElses() throws Exception {
        String me = "citizen-" + UUID.randomUUID();
        String someoneElse = "citizen-" + UUID.randomUUID();
        deliver("subject:" + me, "before the stream opened");
        try (SseClient client = SseClient.open(stream, "Authorization", bearer(me))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.headers().get("content-type").get(0)).startsWith("text/event-stream");
            // the stream's first bytes: how long to wait before reconnecting
            await().atMost(Duration.ofSeconds(5)).until(() -> !client.retries().isEmpty());
            assertThat(client.retries()).containsExactly("3000");

            deliver("subject:" + someoneElse, "for someone else");
            long first = deliver("subject:" + me, "first");
            long second = deliver("subject:" + me, "second");

            await().atMost(WITHIN_A_SECOND).until(() -> client.events().size() >= 2);
            assertThat(client.ids()).containsExactly(Long.toString(first), Long.toString(second));
            SseClient.Event event = client.events().get(0);
            assertThat(event.name()).isEqualTo("notification");
            JsonNode data = JSON.readTree(event.data());
            assertThat(data.path("seq").asLong()).isEqualTo(first);
            assertThat(data.path("title").asText()).isEqualTo("first");
            assertThat(data.path("kind").asText()).isEqualTo("request.resolved");
            assertThat(data.path("sourceEventType").asText()).isEqualTo("cn.grid.request.resolved.v1");
            assertThat(data.has("readAt")).isTrue();
            assertThat(data.path("readAt").isNull()).isTrue();
            assertThat(data.has("recipient")).isFalse();
            assertThat(JSON.readTree(client.events().get(1).data()).path("title").asText()).isEqualTo("second");
        }
    }

    @Test
    void aTicketDispatchedToAPersonReachesTheOpenStreamOfTheirLogin() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID node = UUID.randomUUID();
        String path = "/" + node + "/";
        String member = "member-" + tag;
        TestGridEvents.nodeCreated(node, null, path, "GRID", "G-" + tag, "测试网格 " + tag);
        UUID person = TestRegistry.personOf(member);
        TestRegistry.assign(member, node, path, "VOLUNTEER");
        // the registry knows the login's person once the read model has the grant
        await().atMost(Duration.ofSeconds(30)).until(() -> known(member));

        try (SseClient client = SseClient.open(stream, "Authorization",
                "Bearer " + TestJwt.token(member, null, Roles.STAFF))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !client.retries().isEmpty());
            UUID request = UUID.randomUUID();
            Map<String, Object> dispatched = new HashMap<>();
            dispatched.put("requestId", request.toString());
            dispatched.put("actor", "worker-" + tag);
            dispatched.put("assignee", null);
            dispatched.put("gridNodeId", node.toString());
            dispatched.put("gridPath", path);
            dispatched.put("dispatchPersonId", person.toString());
            dispatched.put("dispatchTargetId", person.toString());
            dispatched.put("assigneePersonId", null);
            TestGridEvents.publish("request.events", "request.dispatched.v1", request, dispatched);

            await().atMost(Duration.ofSeconds(30)).until(() -> !client.events().isEmpty());
            JsonNode data = JSON.readTree(client.events().get(0).data());
            assertThat(data.path("kind").asText()).isEqualTo("request.dispatched");
            assertThat(data.path("resourceId").asText()).isEqualTo(request.toString());
            assertThat(data.path("sourceEventType").asText()).isEqualTo("cn.grid.request.dispatched.v1");
            // the person's inbox, not the login's
            assertThat(client.ids()).containsExactly(Long.toString(seqOf("person:" + person, request)));
        }
    }

    @Test
    void aReconnectWithLastEventIdGetsExactlyTheMissedOnesThenTheNewOnes() throws Exception {
        String me = "citizen-" + UUID.randomUUID();
        String lastSeen;
        try (SseClient client = SseClient.open(stream, "Authorization", bearer(me))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !client.retries().isEmpty());
            deliver("subject:" + me, "one");
            deliver("subject:" + me, "two");
            await().atMost(WITHIN_A_SECOND).until(() -> client.events().size() == 2);
            lastSeen = client.ids().get(1);
        }
        // while the client is away
        long three = deliver("subject:" + me, "three");
        long four = deliver("subject:" + me, "four");

        try (SseClient client = SseClient.open(stream, "Authorization", bearer(me), "Last-Event-ID", lastSeen)) {
            await().atMost(WITHIN_A_SECOND).until(() -> client.events().size() >= 2);
            long five = deliver("subject:" + me, "five");
            await().atMost(WITHIN_A_SECOND).until(() -> client.events().size() >= 3);
            assertThat(client.ids()).containsExactly(Long.toString(three), Long.toString(four), Long.toString(five));
        }
        // the query parameter does the same for clients that cannot set headers; the header wins over it
        try (SseClient client = SseClient.open(URI.create(stream + "?lastEventId=" + three),
                "Authorization", bearer(me))) {
            await().atMost(WITHIN_A_SECOND).until(() -> client.events().size() >= 2);
            assertThat(client.ids()).startsWith(Long.toString(four), Long.toString(four + 1));
        }
        try (SseClient client = SseClient.open(URI.create(stream + "?lastEventId=0"),
                "Authorization", bearer(me), "Last-Event-ID", Long.toString(four))) {
            await().atMost(WITHIN_A_SECOND).until(() -> !client.events().isEmpty());
            assertThat(client.ids().get(0)).isEqualTo(Long.toString(four + 1));
        }
    }

    @Test
    void aBurstWhileConnectedArrivesWholeInOrderAndNothingTwice() throws Exception {
        String me = "citizen-" + UUID.randomUUID();
        try (SseClient client = SseClient.open(stream, "Authorization", bearer(me))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !client.retries().isEmpty());
            List<Long> seqs = new ArrayList<>();
            // one commit each, from several threads' worth of writers in turn, faster than the stream reads
            for (int i = 0; i < 200; i++) {
                seqs.add(deliver("subject:" + me, "burst " + i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> client.events().size() >= 200);
            assertThat(client.ids()).containsExactlyElementsOf(seqs.stream().map(String::valueOf).toList());
            assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
        }
    }

    @Test
    void theClientGoingAwayClosesItsStream() throws Exception {
        // the other tests' clients have hung up; their streams close as the server notices
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.openCount() == 0);
        SseClient client = SseClient.open(stream, "Authorization", bearer("citizen-" + UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.retries().isEmpty());
        assertThat(streams.openCount()).isEqualTo(1);
        client.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.openCount() == 0);
    }

    @Test
    void aLastEventIdThatIsNotASeqIsA400Problem() throws Exception {
        for (String bad : List.of("abc", "-1", "1.5", "99999999999999999999")) {
            try (SseClient client = SseClient.open(stream, "Authorization", bearer("citizen-x"),
                    "Last-Event-ID", bad)) {
                assertThat(client.status()).as(bad).isEqualTo(400);
                assertThat(client.headers().get("content-type").get(0)).startsWith("application/problem+json");
                JsonNode problem = JSON.readTree(client.body());
                assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("Last-Event-ID");
            }
        }
        try (SseClient client = SseClient.open(URI.create(stream + "?lastEventId=x"), "Authorization",
                bearer("citizen-x"))) {
            assertThat(client.status()).isEqualTo(400);
            assertThat(JSON.readTree(client.body()).path("errors").get(0).path("field").asText())
                    .isEqualTo("lastEventId");
        }
    }

    @Test
    void withoutATokenIsA401Problem() throws Exception {
        try (SseClient client = SseClient.open(stream)) {
            assertThat(client.status()).isEqualTo(401);
            assertThat(client.headers().get("content-type").get(0)).startsWith("application/problem+json");
        }
    }

    private static String bearer(String subject) {
        return "Bearer " + TestJwt.token(subject, null, Roles.CITIZEN);
    }

    private boolean known(String subject) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from grid_assignment_view where subject = ?")) {
            s.setString(1, subject);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    /** The seq of the notification about {@code request} in the inbox {@code recipient}. */
    private long seqOf(String recipient, UUID request) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select seq from notification where recipient = ? and resource_id = ?")) {
            s.setString(1, recipient);
            s.setString(2, request.toString());
            try (ResultSet rows = s.executeQuery()) {
                assertThat(rows.next()).as("a notification in " + recipient).isTrue();
                return rows.getLong(1);
            }
        }
    }

    /** Puts one notification in the recipient's inbox, in a transaction of its own; returns its seq. */
    private long deliver(String recipient, String title) {
        NotificationDraft draft = new NotificationDraft(new Recipient(recipient), "request.resolved", title,
                "Please rate it", "request", UUID.randomUUID().toString(), null);
        return QuarkusTransaction.requiringNew().call(() -> writer.deliver(List.of(draft), UUID.randomUUID(),
                "cn.grid.request.resolved.v1")).get(0).seq();
    }
}
