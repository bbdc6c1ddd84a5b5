package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Body limits, CORS and trace context at the gateway's edge (default test configuration). */
@QuarkusTest
class EdgeTest {

    static final String BEARER = "Bearer " + TestJwt.token("worker-1", "node-7", Roles.GRID_WORKER);
    static final String ORIGIN = "https://app.grid.test";
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    MeterRegistry registry;

    // ---- body limits ----

    @Test
    void aDeclaredLengthOverTheRoutesLimitIs413BeforeAnyServiceIsAsked() throws IOException {
        double before = upstreamCalls("request-service");
        String answer = raw("POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 300000\r\n\r\n", null);
        // on /open311 the gateway's own errors are in Open311's format (Open311RouteTest)
        assertThat(answer).startsWith("HTTP/1.1 413").contains("content-type: application/json")
                .contains("[{\"code\":413,\"description\":\"the request body is larger than the 262144 bytes accepted on /open311\"}]");
        assertThat(upstreamCalls("request-service")).isEqualTo(before);
        // under the limit it goes through
        given().contentType("application/x-www-form-urlencoded").body("x".repeat(200_000))
                .when().post("/open311/v2/requests.json").then().statusCode(200).body("bodyLength", equalTo(200_000));
    }

    @Test
    void aChunkedBodyThatGrowsPastTheLimitIsCutOff413AndNotRetried() throws IOException {
        double retries = count("gateway.upstream.retries");
        double ejections = count("gateway.upstream.ejections");
        double cut = Search.in(registry).name("gateway.upstream.requests").tag("outcome", "BODY_TOO_LARGE")
                .timers().stream().mapToDouble(t -> t.count()).sum();
        // keyed, so it would be retryable if it were small and had a length: chunked, it streams once
        String answer = raw("POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nIdempotency-Key: " + UUID.randomUUID()
                + "\r\nTransfer-Encoding: chunked\r\n\r\n", 320 * 1024);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("{\"code\":413,");
        assertThat(count("gateway.upstream.retries")).isEqualTo(retries);
        assertThat(count("gateway.upstream.ejections")).isEqualTo(ejections);
        assertThat(Search.in(registry).name("gateway.upstream.requests").tag("outcome", "BODY_TOO_LARGE")
                .timers().stream().mapToDouble(t -> t.count()).sum()).isEqualTo(cut + 1);
        // the instance is still in rotation
        given().when().get("/open311/v2/services.json").then().statusCode(200);
    }

    // ---- URI length ----

    @Test
    void aUriLongerThanTheServicesTakeIs414ProblemBeforeAnyServiceIsAsked() throws IOException {
        double before = upstreamCalls("request-service");
        String query = "?q=" + "x".repeat(5_000);
        String answer = raw("GET /open311/v2/services.json" + query + " HTTP/1.1\r\nHost: x\r\n\r\n", null);
        assertThat(answer).startsWith("HTTP/1.1 414").contains("content-type: application/json")
                .contains("{\"code\":414,").contains("at most 4000").doesNotContain("xxxxxxxx");
        assertThat(upstreamCalls("request-service")).isEqualTo(before);
        // within the limit it goes through
        given().queryParam("q", "x".repeat(3_900)).when().get("/open311/v2/services.json").then().statusCode(200);
    }

    @Test
    void onlyARequestLineOver64KbGetsTheHttpCodecsBare414() throws IOException {
        String answer = raw("GET /api/v1/grids?q=" + "x".repeat(40_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", null);
        assertThat(answer).startsWith("HTTP/1.1 414").contains("uri-too-long");
        assertThat(raw("GET /api/v1/grids?q=" + "x".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", null))
                .matches("(?s)HTTP/1\\.[01] 414 .*").doesNotContain("problem+json");
    }

    // ---- CORS ----

    @Test
    void anAllowedOriginsPreflightIsAnsweredWithoutAToken() {
        given().header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, idempotency-key, content-type")
                .when().options("/api/v1/requests")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"))
                .header("Access-Control-Allow-Headers", containsString("X-Request-Id"))
                .header("Access-Control-Allow-Headers", containsString("traceparent"))
                .header("Access-Control-Max-Age", "3600")
                .header("Vary", containsString("Origin"));
    }

    @Test
    void anotherOriginsPreflightIs403Problem() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/grids/g-1")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://grid-suite.cn/problems/forbidden"))
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void anAllowedOriginsRequestMayReadTheHeadersItNeeds() {
        given().header("Origin", ORIGIN).header("Authorization", BEARER)
                .when().get("/api/v1/grids/g-1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", ORIGIN)
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Access-Control-Expose-Headers", containsString("Location"))
                .header("Access-Control-Expose-Headers", containsString("Retry-After"))
                .header("Access-Control-Expose-Headers", containsString("RateLimit-Remaining"))
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
        // the gateway's own 401 carries them too, so a page can read why
        given().header("Origin", ORIGIN).when().get("/api/v1/grids/g-1")
                .then().statusCode(401).header("Access-Control-Allow-Origin", ORIGIN);
        // an OPTIONS that is not a preflight still needs a token and goes to the service
        given().header("Origin", "https://evil.example").header("Authorization", BEARER)
                .when().get("/api/v1/grids/g-1")
                .then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    // ---- trace context ----

    @Test
    void aValidTraceparentIsContinuedAndTheServiceIsCalledInAClientSpanOfThatTrace() {
        String upstream = given().header("Authorization", BEARER).header("traceparent", TRACEPARENT)
                .header("tracestate", "grid=1")
                .when().get("/api/v1/grids/g-1")
                .then().statusCode(200)
                .body("headers.traceparent", hasSize(1))
                .body("headers.tracestate", equalTo(List.of("grid=1")))
                .extract().path("headers.traceparent[0]");
        String traceId = TRACEPARENT.substring(3, 35);
        assertThat(upstream).matches("00-" + traceId + "-[0-9a-f]{16}-01").isNotEqualTo(TRACEPARENT);

        // server span: child of the caller's; client span: child of the server span, and the service's parent
        String parentOfService = upstream.substring(36, 52);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestSpans.RECORDED.ofTrace(traceId).size() >= 2);
        SpanData client = TestSpans.RECORDED.ofTrace(traceId).stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        SpanData server = TestSpans.RECORDED.ofTrace(traceId).stream()
                .filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(client.getSpanId()).isEqualTo(parentOfService);
        assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(server.getParentSpanId()).isEqualTo(TRACEPARENT.substring(36, 52));
    }

    @Test
    void aMissingOrInvalidTraceparentStartsANewTrace() {
        String pattern = "00-[0-9a-f]{32}-[0-9a-f]{16}-01";
        String first = given().header("Authorization", BEARER)
                .when().get("/api/v1/grids/g-1")
                .then().statusCode(200)
                .body("headers.traceparent[0]", matchesPattern(pattern))
                .extract().path("headers.traceparent[0]");
        String second = given().header("Authorization", BEARER).header("traceparent", "00-nonsense")
                .header("tracestate", "grid=1")
                .when().get("/open311/v2/services.json")
                .then().statusCode(200)
                .body("headers.traceparent[0]", matchesPattern(pattern))
                .body("headers", not(org.hamcrest.Matchers.hasKey("tracestate")))
                .extract().path("headers.traceparent[0]");
        assertThat(first.substring(3, 35)).isNotEqualTo(second.substring(3, 35));
    }

    private double upstreamCalls(String service) {
        return Search.in(registry).name("gateway.upstream.requests").tag("service", service)
                .timers().stream().mapToDouble(t -> t.count()).sum();
    }

    private double count(String name) {
        return Search.in(registry).name(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /**
     * Sends a head (and, for a chunked body, {@code chunked} bytes in 8 KB chunks) over a plain socket and returns
     * what comes back: the gateway may answer, and close, before the body is all sent.
     */
    private String raw(String head, Integer chunked) throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (chunked != null) {
                byte[] chunk = "y".repeat(8192).getBytes(StandardCharsets.US_ASCII);
                try {
                    for (int sent = 0; sent < chunked; sent += chunk.length) {
                        out.write(("2000\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedEarly) {
                    // the gateway answered and closed while the rest was on its way: that is allowed
                }
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                    String text = answer.toString(StandardCharsets.UTF_8);
                    if (text.contains("\r\n\r\n") && text.contains("}")) {
                        break;
                    }
                }
            } catch (IOException reset) {
                // a reset after the answer: keep what arrived
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
