package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.JwtTestResource;
import cn.grid.testsupport.SseClient;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Open event streams do not use up a service's connections: with one event loop and one pooled connection per
 * service, a request to notification-service still gets through while two streams of it are open.
 */
@QuarkusTest
@TestProfile(EventStreamPoolTest.OneConnection.class)
class EventStreamPoolTest {

    static final String BEARER = "Bearer " + TestJwt.token("citizen-8", null, Roles.CITIZEN);

    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(JwtTestResource.class),
                    new TestResourceEntry(FakeUpstreams.class, Map.of(
                            "gateway.client.max-connections-per-upstream", "1",
                            "quarkus.vertx.event-loops-pool-size", "1",
                            "gateway.upstreams.notification.timeout", "2S")));
        }
    }

    @TestHTTPResource("/api/v1/me/notifications/stream")
    URI stream;

    FakeUpstreams upstreams;

    @Test
    void anotherRequestGetsThroughWhileStreamsAreOpen() throws Exception {
        try (SseClient first = SseClient.open(stream, "Authorization", BEARER);
                SseClient second = SseClient.open(stream, "Authorization", BEARER)) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> upstreams.openStreams() == 2);
            given().header("Authorization", BEARER)
                    .when().get("/api/v1/me/notifications")
                    .then().statusCode(200).header("X-Upstream", "notification");
        }
    }
}
