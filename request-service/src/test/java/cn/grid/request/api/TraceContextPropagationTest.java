package cn.grid.request.api;

import cn.grid.platform.outbox.KafkaClients;
import cn.grid.platform.security.Roles;
import cn.grid.request.TestSpans;
import cn.grid.testsupport.EmbeddedKafka;
import cn.grid.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * W3C trace context from the HTTP request (quarkus-opentelemetry's server span), into the outbox row, and on
 * through the relay's producer span into the Kafka record's headers.
 */
@QuarkusTest
class TraceContextPropagationTest {

    static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    static final String CALLER_SPAN = "b7ad6b7169203331";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01";
    static final String SUBMITTED = "cn.grid.request.submitted.v1";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSubmissionIsStoredAndPublishedInTheCallersTrace() throws Exception {
        String traced = submit(TRACEPARENT);
        String untraced = submit(null);

        AtomicReference<ConsumerRecord<String, String>> tracedRecord = new AtomicReference<>();
        AtomicReference<ConsumerRecord<String, String>> untracedRecord = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), "test-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of("request.events"));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (traced.equals(r.key()) && r.value().contains(SUBMITTED)) {
                        tracedRecord.set(r);
                    }
                    if (untraced.equals(r.key()) && r.value().contains(SUBMITTED)) {
                        untracedRecord.set(r);
                    }
                }
                return tracedRecord.get() != null && untracedRecord.get() != null;
            });
        }

        // the service's server span continues the caller's trace
        await().atMost(Duration.ofSeconds(10)).until(() -> TestSpans.RECORDED.ofTrace(TRACE_ID).stream()
                .anyMatch(span -> span.getKind() == SpanKind.PRODUCER));
        List<SpanData> trace = TestSpans.RECORDED.ofTrace(TRACE_ID);
        SpanData server = trace.stream().filter(span -> span.getKind() == SpanKind.SERVER
                && span.getParentSpanId().equals(CALLER_SPAN)).findFirst().orElseThrow();

        // the outbox row keeps the context of the request's work: the server span's
        String stored = storedTraceparent(traced);
        assertThat(stored).isEqualTo("00-" + TRACE_ID + "-" + server.getSpanId() + "-01");

        // the relay publishes in a producer span, child of the stored context, whose context the record carries
        SpanData producer = trace.stream().filter(span -> span.getKind() == SpanKind.PRODUCER
                && span.getParentSpanId().equals(server.getSpanId())).findFirst().orElseThrow();
        assertThat(producer.getName()).isEqualTo("send request.events");
        assertThat(header(tracedRecord.get(), "traceparent"))
                .isEqualTo("00-" + TRACE_ID + "-" + producer.getSpanId() + "-01");

        // a request without a traceparent starts a trace of its own, which its event carries on as well
        String other = header(untracedRecord.get(), "traceparent");
        assertThat(other).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(other.substring(3, 35)).isNotEqualTo(TRACE_ID).isEqualTo(storedTraceparent(untraced).substring(3, 35));
    }

    private String storedTraceparent(String requestId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select traceparent from outbox_event where event_key = ? and event_type = ?")) {
            s.setString(1, requestId);
            s.setString(2, SUBMITTED);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("outbox row of " + requestId).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
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
