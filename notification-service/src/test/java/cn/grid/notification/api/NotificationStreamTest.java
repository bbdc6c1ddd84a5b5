package cn.grid.notification.api;

import cn.grid.testsupport.SseClient;
import cn.grid.notification.app.NotificationStreams;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
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
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live stream against the real database: notifications are inserted as the inbox writer does (the inbox row's
 * last_seq taken in the inserting transaction), and the stream is read as raw SSE lines over HTTP.
 */
@QuarkusTest
class NotificationStreamTest {

    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/me/notifications/stream")
    URI stream;

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
        String me = "citizen-" + UUID.randomUUID();
        int before = streams.openCount();
        SseClient client = SseClient.open(stream, "Authorization", bearer(me));
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.retries().isEmpty());
        assertThat(streams.openCount()).isGreaterThan(before);
        client.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.openCount() == before);
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

    /** Puts one notification in the recipient's inbox the way the inbox writer does; returns its seq. */
    private long deliver(String recipient, String title) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long seq;
            try (PreparedStatement s = c.prepareStatement("""
                    insert into inbox (recipient, last_seq, unread_count) values (?, 1, 1)
                    on conflict (recipient) do update
                        set last_seq = inbox.last_seq + 1, unread_count = inbox.unread_count + 1
                    returning last_seq""")) {
                s.setString(1, recipient);
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    seq = rows.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into notification (recipient, seq, id, kind, title, body, resource_type, resource_id,
                                              source_event_id, source_event_type)
                    values (?, ?, ?, 'request.resolved', ?, 'Please rate it', 'request', ?, ?,
                            'cn.grid.request.resolved.v1')""")) {
                s.setString(1, recipient);
                s.setLong(2, seq);
                s.setObject(3, UUID.randomUUID());
                s.setString(4, title);
                s.setString(5, UUID.randomUUID().toString());
                s.setObject(6, UUID.randomUUID());
                s.executeUpdate();
            }
            c.commit();
            return seq;
        }
    }
}
