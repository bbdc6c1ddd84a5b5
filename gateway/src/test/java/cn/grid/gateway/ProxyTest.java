package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ProxyTest {

    static final String TOKEN = TestJwt.token("worker-1", "node-7", Roles.GRID_WORKER);
    static final String BEARER = "Bearer " + TOKEN;

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void eachPrefixGoesToItsService() {
        List<List<String>> table = List.of(
                List.of("/api/v1/grids", "grid"),
                List.of("/api/v1/grids/0193f0a4/children", "grid"),
                List.of("/api/v1/people/p-1", "grid"),
                List.of("/api/v1/party-orgs/o-1/members", "grid"),
                List.of("/api/v1/study/sessions", "study"),
                List.of("/api/v1/requests", "request"),
                List.of("/api/v1/requests/r-1/claim", "request"),
                List.of("/api/v1/request-categories/water-pipe", "request"),
                List.of("/api/v1/me/notifications/read", "notification"),
                List.of("/api/v1/me/notifications/0193f0a4/read", "notification"),
                List.of("/api/v1/webhooks/subscriptions", "notification"),
                List.of("/api/v1/webhooks/subscriptions/s-1/deliveries", "notification"));
        for (List<String> row : table) {
            given().header("Authorization", BEARER)
                    .when().get(row.get(0))
                    .then().statusCode(200)
                    .header("X-Upstream", row.get(1))
                    .body("service", equalTo(row.get(1)))
                    .body("path", equalTo(row.get(0)));
        }
    }

    @Test
    void methodPathQueryBodyStatusAndHeadersPassBothWays() {
        Response response = given().header("Authorization", BEARER).urlEncodingEnabled(false)
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh-CN")
                .header("If-Match", "\"3\"")
                .body("{\"title\": \"路灯坏了\"}")
                .when().post("/api/v1/requests/r-1/comments?status=201&lang=zh&q=a%20b&q=c");
        response.then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("X-Custom", "from-request")
                .body("method", equalTo("POST"))
                .body("path", equalTo("/api/v1/requests/r-1/comments"))
                .body("query", equalTo("status=201&lang=zh&q=a%20b&q=c"))
                .body("headers.'content-type'[0]", containsString("application/json"))
                .body("headers.'accept-language'", equalTo(List.of("zh-CN")))
                .body("headers.'if-match'", equalTo(List.of("\"3\"")))
                .body("bodyLength", equalTo("{\"title\": \"路灯坏了\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(response.headers().getValues("Set-Cookie")).containsExactly("a=1", "b=2");

        for (String method : List.of("PUT", "PATCH", "DELETE", "OPTIONS")) {
            given().header("Authorization", BEARER).body("x")
                    .when().request(method, "/api/v1/grids/g-1")
                    .then().statusCode(200).body("method", equalTo(method));
        }
        given().header("Authorization", BEARER)
                .when().delete("/api/v1/grids/g-1?status=204")
                .then().statusCode(204).header("X-Upstream", "grid");
        // a service's own error passes as it is: the gateway does not rewrite it
        given().header("Authorization", BEARER)
                .when().get("/api/v1/study/missing?status=404")
                .then().statusCode(404).body("service", equalTo("study"));
        // percent-encoding reaches the service as sent
        given().header("Authorization", BEARER).urlEncodingEnabled(false)
                .when().get("/api/v1/grids/%E6%B2%BE%E7%9B%8A/a%2Fb")
                .then().statusCode(200).body("path", equalTo("/api/v1/grids/%E6%B2%BE%E7%9B%8A/a%2Fb"));
    }

    @Test
    void hopByHopHeadersStopAtTheGatewayAndForwardingHeadersAreAdded() {
        given().header("Authorization", BEARER)
                .header("Connection", "keep-alive, X-Hop")
                .header("X-Hop", "for the gateway only")
                .header("Keep-Alive", "timeout=300")
                .header("Proxy-Authorization", "Basic Zm9vOmJhcg==")
                .header("TE", "trailers")
                .header("X-Forwarded-For", "203.0.113.9")
                .when().get("/api/v1/grids/g-1")
                .then().statusCode(200)
                .body("headers", not(hasKey("x-hop")))
                .body("headers", not(hasKey("keep-alive")))
                .body("headers", not(hasKey("proxy-authorization")))
                .body("headers", not(hasKey("te")))
                .body("headers.host[0]", not(containsString(String.valueOf(gateway.getPort()))))
                .body("headers.'x-forwarded-for'", equalTo(List.of("203.0.113.9, 127.0.0.1")))
                .body("headers.'x-forwarded-proto'", equalTo(List.of("http")))
                .body("headers.'x-forwarded-host'[0]", containsString(":" + gateway.getPort()))
                // and back: the service's hop-by-hop headers do not reach the caller
                .header("Keep-Alive", nullValue())
                .header("Proxy-Authenticate", nullValue())
                .header("Upgrade", nullValue())
                .header("X-Custom", "from-grid");
    }

    @Test
    void theTokenIsForwardedUnchangedAndTheTraceContinued() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        given().header("Authorization", BEARER)
                .header("traceparent", traceparent)
                .header("tracestate", "grid=1,rojo=00f067aa0ba902b7")
                .when().get("/api/v1/study/sessions")
                .then().statusCode(200)
                .body("headers.authorization", equalTo(List.of(BEARER)))
                // the same trace, one hop further: the gateway's client span is the service's parent
                .body("headers.traceparent", hasSize(1))
                .body("headers.traceparent[0]", matchesPattern("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01"))
                .body("headers.traceparent[0]", not(equalTo(traceparent)))
                .body("headers.tracestate", equalTo(List.of("grid=1,rojo=00f067aa0ba902b7")));
    }

    @Test
    void aRequestIdIsMadeWhenAbsentAndKeptWhenGiven() {
        Response made = given().header("Authorization", BEARER).when().get("/api/v1/requests");
        String id = made.header("X-Request-Id");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(made.jsonPath().getList("headers.'x-request-id'")).containsExactly(id);

        given().header("Authorization", BEARER).header("X-Request-Id", "app-42.7")
                .when().get("/api/v1/requests")
                .then().statusCode(200)
                .header("X-Request-Id", "app-42.7")
                .body("headers.'x-request-id'", equalTo(List.of("app-42.7")));

        // the gateway's own answers carry it too
        given().header("X-Request-Id", "app-43").when().get("/api/v1/requests")
                .then().statusCode(401).header("X-Request-Id", "app-43");
    }

    @Test
    void aLargeBodyStreamsToTheServiceWithOrWithoutALength() throws Exception {
        byte[] body = new byte[5 * 1024 * 1024];
        new Random(7).nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));

        given().header("Authorization", BEARER).contentType("application/octet-stream").body(body)
                .when().put("/api/v1/grids/g-1/boundary")
                .then().statusCode(200)
                .body("headers.'content-length'", equalTo(List.of(String.valueOf(body.length))))
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(sha));

        // no length: chunked in, chunked on
        HttpResponse<String> chunked = http().send(HttpRequest.newBuilder(gateway.resolve("/api/v1/grids/g-1/boundary"))
                .header("Authorization", BEARER)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(chunked.body()).contains("\"bodyLength\":" + body.length).contains(sha)
                .contains("\"transfer-encoding\":[\"chunked\"]");
    }

    @Test
    void aLargeResponseStreamsBack() throws Exception {
        int size = 5 * 1024 * 1024;
        HttpResponse<InputStream> response = http().send(HttpRequest.newBuilder(
                        gateway.resolve("/api/v1/study/material/download?bytes=" + size))
                .header("Authorization", BEARER).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        long count = 0;
        boolean same = true;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    same &= buffer[i] == FakeUpstreams.pattern(count + i);
                }
                count += n;
            }
        }
        assertThat(count).isEqualTo(size);
        assertThat(same).as("every byte as the service sent it").isTrue();
    }

    @Test
    void theResponseIsPassedOnAsItComesNotWhenItIsComplete() throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http().send(HttpRequest.newBuilder(gateway.resolve("/api/v1/grids/slow"))
                .header("Authorization", BEARER).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            byte[] first = in.readNBytes(6);
            long firstAfter = Duration.ofNanos(System.nanoTime() - start).toMillis();
            String rest = new String(in.readAllBytes());
            long allAfter = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(new String(first)).isEqualTo("first\n");
            assertThat(rest).isEqualTo("second\n");
            assertThat(firstAfter).as("first chunk before the service finished").isLessThan(1500);
            assertThat(allAfter).isGreaterThanOrEqualTo(1900);
        }
    }

    @Test
    void aServiceSlowerThanItsRouteTimeoutIsA504() {
        long start = System.nanoTime();
        given().header("Authorization", BEARER)
                .when().get("/api/v1/study/hang")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("https://grid-suite.cn/problems/gateway-timeout"))
                .body("status", equalTo(504))
                .body("detail", equalTo("study-service did not answer within 1 s"))
                .body("instance", equalTo("/api/v1/study/hang"))
                .header("X-Request-Id", notNullValue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
    }

    @Test
    void aServiceThatDropsTheConnectionIsA502() {
        given().header("Authorization", BEARER)
                .when().post("/api/v1/grids/abort")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("https://grid-suite.cn/problems/bad-gateway"))
                .body("detail", equalTo("grid-service is unavailable"));
    }

    @Test
    void anUnknownApiPathIsA404Problem() {
        for (String path : List.of("/api/v1/nothing", "/api/v1/gridsx", "/api/v2/grids", "/api",
                "/api/v1/webhooksx", "/api/v1/me/notificationsx")) {
            given().header("Authorization", BEARER)
                    .when().get(path)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://grid-suite.cn/problems/not-found"))
                    .body("title", notNullValue())
                    .body("status", equalTo(404))
                    .body("detail", containsString(path))
                    .body("instance", equalTo(path));
        }
    }

    @Test
    void healthIsTheGatewaysOwnAndUpstreamsAreReportedSeparately() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.name", hasItem("upstreams"))
                .body("checks[0].data.'grid-service'", equalTo("UP"))
                .body("checks[0].data.'study-service'", equalTo("UP"))
                .body("checks[0].data.'request-service'", equalTo("UP"))
                .body("checks[0].data.'notification-service'", equalTo("UP"));
        given().header("Authorization", BEARER).when().get("/api/v1/grids/g-9").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/api/v1/grids/*\""))
                .body(not(containsString("uri=\"/api/v1/grids/g-9\"")));
    }

    static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }
}
