package cn.grid.request.api;

import cn.grid.platform.outbox.KafkaClients;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.EmbeddedKafka;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** W3C trace context from the HTTP request, through the outbox, into the Kafka record's headers. */
@QuarkusTest
class TraceContextPropagationTest {

    static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

    @Test
    void aSubmissionWithATraceparentIsPublishedInTheSameTrace() {
        String traced = submit(TRACEPARENT);
        String untraced = submit(null);

        AtomicReference<Header> tracedHeader = new AtomicReference<>();
        AtomicReference<ConsumerRecord<String, String>> untracedRecord = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), "test-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of("request.events"));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (traced.equals(r.key()) && r.value().contains("cn.grid.request.submitted.v1")) {
                        tracedHeader.set(r.headers().lastHeader("traceparent"));
                    }
                    if (untraced.equals(r.key()) && r.value().contains("cn.grid.request.submitted.v1")) {
                        untracedRecord.set(r);
                    }
                }
                return tracedHeader.get() != null && untracedRecord.get() != null;
            });
        }
        String sent = new String(tracedHeader.get().value(), StandardCharsets.US_ASCII);
        // the publish is a child hop: same trace id and flags, its own parent id
        assertThat(sent).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        // an event written outside any trace still goes out, without the header
        assertThat(untracedRecord.get().headers().lastHeader("traceparent")).isNull();
    }

    private static String submit(String traceparent) {
        var request = given().header("Authorization", "Bearer " + TestJwt.token("citizen-trace", null, Roles.CITIZEN))
                .contentType(ContentType.JSON)
                .body("""
                        {"type": "SERVICE", "title": "预约接种疫苗", "location": {"address": "清河社区卫生服务站"}}""");
        if (traceparent != null) {
            request = request.header("traceparent", traceparent);
        }
        return request.when().post("/api/v1/requests").then().statusCode(201).extract().path("id");
    }
}
