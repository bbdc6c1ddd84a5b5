package cn.grid.notification.webhook;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A queued delivery wakes the sender: with a poll interval of ten minutes, an event still reaches its subscriber
 * (before this, the sender found it only at its next poll).
 */
@QuarkusTest
@TestProfile(WebhookWakeTest.RarePolls.class)
class WebhookWakeTest {

    public static class RarePolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("grid.notification.webhooks.poll-interval", "PT10M");
        }
    }

    @Test
    void aQueuedDeliveryIsSentWithoutWaitingForThePoll() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            given().header("Authorization", "Bearer " + TestJwt.token("district.ops", null, Roles.DISTRICT_ADMIN))
                    .contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url("/woken"), "eventTypes", List.of("cn.grid.request.*"),
                            "description", "woken receiver"))
                    .post("/api/v1/webhooks/subscriptions").then().statusCode(201);
            // the first poll has run at start; the next is ten minutes away
            String first = TestGridEvents.publish("request.events", "request.dispatched.v1", UUID.randomUUID(),
                    Map.of("reason", "first"));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveries("/woken").size() == 1);
            String second = TestGridEvents.publish("request.events", "request.dispatched.v1", UUID.randomUUID(),
                    Map.of("reason", "second"));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveries("/woken").size() == 2);
            assertThat(receiver.deliveries("/woken")).extracting(WebhookReceiver.Received::eventId)
                    .containsExactly(first, second);
        }
    }
}
