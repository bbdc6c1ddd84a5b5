package cn.grid.system;

import cn.grid.system.OtlpReceiver.ReceivedSpan;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace across the suite: every process exports its spans over OTLP/HTTP to a receiver in this JVM, and one
 * submission through the gateway is one trace from the gateway through request-service, its outbox and Kafka, to
 * study-service's consumer.
 */
class TracingIT {

    // not an AgainstTheSuite: JUnit would run its @BeforeAll too, and start a second suite without the receiver
    static OtlpReceiver receiver;
    static RunningSuite suite;

    @BeforeAll
    static void start() throws Exception {
        receiver = OtlpReceiver.start();
        suite = RunningSuite.start(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                // spans leave in batches every 5 s by default
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms"));
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aSubmissionIsOneTraceFromTheGatewayThroughKafkaToStudyService() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = Long.toHexString(ThreadLocalRandom.current().nextLong() | 1L << 60);
        String citizen = "Bearer " + given().baseUri(suite.gateway()).contentType(ContentType.JSON)
                .body("""
                        {"subject": "it-traced-citizen", "roles": ["citizen"], "gridScope": null}""")
                .post("/auth/dev-token").then().statusCode(200).extract().path("token");

        given().baseUri(suite.gateway()).header("Authorization", citizen)
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .contentType(ContentType.JSON)
                .body("""
                        {"type": "SERVICE", "title": "预约接种疫苗", "location": {"address": "清河社区卫生服务站"}}""")
                .post("/api/v1/requests").then().statusCode(201);

        // each process exports its spans in its own batches, so the study-service span can arrive before the
        // request-service server span it descends from: wait for the whole chain, not for its last link
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertOneChain(receiver.ofTrace(traceId), callerSpan));
    }

    private static void assertOneChain(List<ReceivedSpan> trace, String callerSpan) {
        // gateway: the server span continues the caller's trace, the proxied call is its client span
        ReceivedSpan gatewayServer = one(trace, "gateway", "SPAN_KIND_SERVER", callerSpan);
        ReceivedSpan gatewayClient = one(trace, "gateway", "SPAN_KIND_CLIENT", gatewayServer.spanId());
        // request-service: the server span under the gateway's call, the relay's publish under the request's span
        ReceivedSpan requestServer = one(trace, "request-service", "SPAN_KIND_SERVER", gatewayClient.spanId());
        ReceivedSpan publish = one(trace, "request-service", "SPAN_KIND_PRODUCER", requestServer.spanId());
        assertThat(publish.name()).isEqualTo("send request.events");
        // study-service: the consumer span under the publish, across Kafka
        ReceivedSpan consume = one(trace, "study-service", "SPAN_KIND_CONSUMER", publish.spanId());
        assertThat(consume.name()).isEqualTo("process request.events");
    }

    private static ReceivedSpan one(List<ReceivedSpan> trace, String service, String kind, String parent) {
        List<ReceivedSpan> found = trace.stream().filter(span -> span.service().equals(service)
                && span.kind().equals(kind) && span.parentSpanId().equals(parent)).toList();
        assertThat(found).as("%s %s span under %s in %s", service, kind, parent, trace).hasSize(1);
        return found.get(0);
    }
}
