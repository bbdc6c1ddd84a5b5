package cn.grid.system.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which operations of a spec the fuzzer takes: every one but those that answer an endless event stream. */
class OpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEventStreamIsNotFuzzedButTheInboxBesideItIs() throws Exception {
        JsonNode spec = JSON.readTree("""
                {"paths": {
                  "/api/v1/me/notifications": {"get": {"responses": {
                    "200": {"content": {"application/json": {"schema": {"type": "object"}}}},
                    "401": {"content": {"application/problem+json": {}}}}}},
                  "/api/v1/me/notifications/stream": {"get": {"responses": {
                    "200": {"content": {"text/event-stream": {"schema": {"type": "string"}}}},
                    "401": {"content": {"application/problem+json": {}}}}}},
                  "/api/v1/webhooks/subscriptions/{id}": {"delete": {"responses": {"204": {}}}}
                }}""");
        assertThat(OpenApi.operations("notification-service", spec)).extracting(OpenApi.Operation::key)
                .containsExactlyInAnyOrder("GET /api/v1/me/notifications", "DELETE /api/v1/webhooks/subscriptions/{id}");
    }

    @Test
    void anOperationThatMayAnswerJsonOrAStreamIsFuzzed() throws Exception {
        JsonNode op = JSON.readTree("""
                {"responses": {"200": {"content": {"text/event-stream": {}, "application/json": {}}}}}""");
        assertThat(OpenApi.endless(op)).isFalse();
    }
}
