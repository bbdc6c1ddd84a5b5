package cn.grid.notification.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.SseClient;
import cn.grid.testsupport.TestJwt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The stream's settings: a heartbeat on a quiet stream, and the bound on open streams per instance. */
@QuarkusTest
@TestProfile(NotificationStreamLimitsTest.OneStreamFastHeartbeat.class)
class NotificationStreamLimitsTest {

    public static class OneStreamFastHeartbeat implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("grid.notification.stream.max-open", "1",
                    "grid.notification.stream.heartbeat", "1S",
                    "grid.notification.stream.retry", "10S");
        }
    }

    @TestHTTPResource("/api/v1/me/notifications/stream")
    URI stream;

    @Test
    void aQuietStreamGetsHeartbeatsAndOneStreamTooManyIsA503Problem() throws Exception {
        String bearer = "Bearer " + TestJwt.token("citizen-limits", null, Roles.CITIZEN);
        try (SseClient open = SseClient.open(stream, "Authorization", bearer)) {
            assertThat(open.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> !open.retries().isEmpty());
            assertThat(open.retries()).containsExactly("10000");
            await().atMost(Duration.ofSeconds(5)).until(() -> open.comments().contains("heartbeat"));
            assertThat(open.events()).isEmpty();

            try (SseClient refused = SseClient.open(stream, "Authorization", bearer)) {
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.headers().get("content-type").get(0)).startsWith("application/problem+json");
                JsonNode problem = new ObjectMapper().readTree(refused.body());
                assertThat(problem.path("status").asInt()).isEqualTo(503);
                assertThat(problem.path("detail").asText()).contains("live streams");
            }
        }
    }
}
