package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.SseClient;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.nullValue;

/**
 * Server-Sent Events through the gateway (notification-service's live stream): each event reaches the client when
 * the service sends it, not when the response ends; Last-Event-ID reaches the service; the service's connection
 * stays open while the client's does — also through a quiet spell longer than the route's timeout — and is closed
 * when the client goes.
 */
@QuarkusTest
class EventStreamTest {

    static final String BEARER = "Bearer " + TestJwt.token("citizen-7", null, Roles.CITIZEN);

    @TestHTTPResource("/api/v1/me/notifications/stream")
    URI stream;

    FakeUpstreams upstreams;

    @Test
    void eventsPassOneByOneWhileTheStreamStaysOpenAndItEndsWhenTheClientGoes() throws Exception {
        assertThat(upstreams.openStreams()).isZero();
        SseClient client = SseClient.open(stream, "Authorization", BEARER, "Last-Event-ID", "41");
        try {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.headers().get("content-type").get(0)).startsWith("text/event-stream");
            await().atMost(Duration.ofSeconds(5)).until(() -> client.comments().contains("last-event-id=41"));
            assertThat(client.retries()).containsExactly("1000");
            assertThat(upstreams.openStreams()).isEqualTo(1);

            for (int i = 42; i <= 44; i++) {
                int seq = i;
                upstreams.sendEvent(Integer.toString(seq), "{\"seq\":" + seq + "}");
                // this one has arrived, while the service is still sending and the stream still open
                await().atMost(Duration.ofSeconds(2)).until(() -> client.ids().contains(Integer.toString(seq)));
                assertThat(client.ended()).isFalse();
                assertThat(upstreams.openStreams()).isEqualTo(1);
            }
            assertThat(client.ids()).containsExactly("42", "43", "44");
            assertThat(client.events().get(0).name()).isEqualTo("notification");
            assertThat(client.events().get(0).data()).isEqualTo("{\"seq\":42}");

            // quiet for longer than the route's timeout (the fake's 1.5 s against 1 s): the stream stays open
            await().atMost(Duration.ofSeconds(5)).until(() -> client.comments().contains("tick"));
            assertThat(client.ended()).isFalse();
            assertThat(upstreams.openStreams()).isEqualTo(1);
        } finally {
            client.close();
        }
        // the client went away: the gateway closes the service's connection too
        await().atMost(Duration.ofSeconds(5)).until(() -> upstreams.openStreams() == 0);
    }

    @Test
    void theInboxGoesToNotificationServiceWhileMeStaysTheGatewaysOwn() {
        given().header("Authorization", BEARER)
                .when().get("/api/v1/me/notifications")
                .then().statusCode(200)
                .header("X-Upstream", "notification");
        given().header("Authorization", BEARER)
                .when().post("/api/v1/me/notifications/0193f0a4/read")
                .then().statusCode(200)
                .header("X-Upstream", "notification");
        // the gateway's composite read, not a service's answer
        given().header("Authorization", BEARER)
                .when().get("/api/v1/me")
                .then().statusCode(200).header("X-Upstream", nullValue());
    }
}
