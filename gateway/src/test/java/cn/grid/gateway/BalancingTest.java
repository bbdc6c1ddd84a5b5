package cn.grid.gateway;

import cn.grid.gateway.balancing.Ejections;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.JwtTestResource;
import cn.grid.testsupport.TestJwt;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two instances of request-service (real HTTP servers) behind the gateway: round robin between them, a stopped
 * one ejected and probed back in, and which requests are retried on the other.
 */
@QuarkusTest
@TestProfile(BalancingTest.TwoRequestInstances.class)
class BalancingTest {

    static final String BEARER = "Bearer " + TestJwt.token("worker-1", null, Roles.GRID_WORKER);
    static final String SERVICE = "request-service";

    public static class TwoRequestInstances implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(JwtTestResource.class),
                    new TestResourceEntry(FakeUpstreams.class, Map.of(
                            "request-instances", "2",
                            "gateway.balancing.probe-interval", "100ms",
                            "gateway.balancing.retry-body-limit", "4096")));
        }
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI gateway;

    /** Injected by the test resource. */
    FakeUpstreams upstreams;

    @Inject
    Ejections ejections;

    @Inject
    MeterRegistry metrics;

    @BeforeEach
    @AfterEach
    void bothInstancesUpAndInRotation() {
        upstreams.restart("request-1");
        upstreams.restart("request-2");
        awaitInRotation("request-1");
        awaitInRotation("request-2");
    }

    @Test
    void requestsTakeTurnsBetweenTheInstances() {
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            served.add(get("/api/v1/requests/r-" + i).then().statusCode(200).extract().header("X-Upstream-Instance"));
        }
        System.out.println("10 GETs served by " + served);
        assertThat(served).filteredOn("request-1"::equals).hasSize(5);
        assertThat(served).filteredOn("request-2"::equals).hasSize(5);
        for (int i = 1; i < served.size(); i++) {
            assertThat(served.get(i)).as("request %d", i).isNotEqualTo(served.get(i - 1));
        }
        // the other services have one instance each, as before
        get("/api/v1/grids/g-1").then().statusCode(200).header("X-Upstream-Instance", "grid-1");
    }

    @Test
    void aStoppedInstanceIsEjectedItsRequestsSucceedOnTheOtherAndItIsProbedBackIn() {
        double retriesBefore = retries();
        double ejectionsBefore = count("gateway.upstream.ejections");
        double readmissionsBefore = count("gateway.upstream.readmissions");
        upstreams.stop("request-2");
        for (int i = 0; i < 10; i++) {
            get("/api/v1/requests/r-" + i).then().statusCode(200).header("X-Upstream-Instance", "request-1");
        }
        assertThat(ejections.isEjected(SERVICE, address("request-2"))).isTrue();
        assertThat(ejections.isEjected(SERVICE, address("request-1"))).isFalse();
        // the one GET that met the stopped instance went on to the other; after that none was sent there
        assertThat(retries() - retriesBefore).isEqualTo(1);
        // what the upstream-ejection alert counts: one ejection of the one instance
        assertThat(count("gateway.upstream.ejections") - ejectionsBefore).isEqualTo(1);
        given().when().get("/q/health/well").then().statusCode(200)
                .body("checks[0].data.'request-service'", equalTo("UP (1 of 2 instances ready; " + address("request-2")
                        + " DOWN (connection refused) out of rotation)"));

        long restarted = System.nanoTime();
        upstreams.restart("request-2");
        awaitInRotation("request-2");
        System.out.printf("request-2 back in rotation %d ms after it came back (probe interval 100 ms)%n",
                (System.nanoTime() - restarted) / 1_000_000);
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            served.add(get("/api/v1/requests/r-" + i).then().statusCode(200).extract().header("X-Upstream-Instance"));
        }
        assertThat(served).containsOnly("request-1", "request-2").filteredOn("request-2"::equals).hasSize(2);
        assertThat(count("gateway.upstream.readmissions") - readmissionsBefore).isEqualTo(1);
    }

    @Test
    void everyRoutedServiceHasItsBalancerCountersBeforeAnythingHappensToIt() {
        // grid-, study- and notification-service are never ejected here: their series are there, at 0, for the alert rules
        for (String service : List.of("grid-service", "study-service", "request-service",
                "notification-service")) {
            for (String name : List.of("gateway.upstream.ejections", "gateway.upstream.readmissions",
                    "gateway.upstream.retries")) {
                assertThat(metrics.find(name).tag("service", service).counter()).as(name + " " + service).isNotNull();
            }
        }
        assertThat(metrics.find("gateway.upstream.ejections").tag("service", "grid-service").counter().count())
                .isZero();
    }

    @Test
    void aPostWithoutIdempotencyKeyIsNotRetried() {
        double retriesBefore = retries();
        upstreams.stop("request-2");
        // round robin: of two POSTs, one is sent to the stopped instance before it is known to be down
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Response response = given().header("Authorization", BEARER).body("{\"title\": \"路灯坏了\"}")
                    .contentType("application/json").when().post("/api/v1/requests");
            statuses.add(response.statusCode());
            if (response.statusCode() == 502) {
                response.then().contentType("application/problem+json")
                        .body("type", equalTo("https://grid-suite.cn/problems/bad-gateway"))
                        .body("detail", equalTo("request-service is unavailable"));
            } else {
                response.then().header("X-Upstream-Instance", "request-1");
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 502);
        assertThat(retries() - retriesBefore).isZero();
        assertThat(ejections.isEjected(SERVICE, address("request-2"))).isTrue();
    }

    @Test
    void putDeleteAndPatchAreNotRetriedEvenWithAKey() {
        double retriesBefore = retries();
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            upstreams.restart("request-2");
            awaitInRotation("request-2");
            upstreams.stop("request-2");
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                statuses.add(given().header("Authorization", BEARER).header("If-Match", "\"3\"")
                        .header("Idempotency-Key", UUID.randomUUID().toString()).body("{}")
                        .contentType("application/json").when().request(method, "/api/v1/requests/r-1").statusCode());
            }
            assertThat(statuses).as(method).containsExactlyInAnyOrder(200, 502);
        }
        assertThat(retries() - retriesBefore).isZero();
    }

    @Test
    void aGetIsRetriedOnTheOtherInstance() {
        double retriesBefore = retries();
        upstreams.stop("request-2");
        for (int i = 0; i < 2; i++) {
            get("/api/v1/requests/r-1").then().statusCode(200).header("X-Upstream-Instance", "request-1");
        }
        assertThat(retries() - retriesBefore).isEqualTo(1);
        // HEAD and OPTIONS are safe too
        upstreams.restart("request-2");
        awaitInRotation("request-2");
        upstreams.stop("request-2");
        for (String method : List.of("HEAD", "OPTIONS")) {
            given().header("Authorization", BEARER).when().request(method, "/api/v1/requests/r-1")
                    .then().statusCode(200).header("X-Upstream-Instance", "request-1");
        }
        assertThat(retries() - retriesBefore).isEqualTo(2);
    }

    @Test
    void aPostWithIdempotencyKeyIsRetriedWithItsWholeBody() {
        double retriesBefore = retries();
        upstreams.stop("request-2");
        String body = "{\"title\": \"" + "水管爆裂".repeat(100) + "\"}";
        for (int i = 0; i < 2; i++) {
            String key = UUID.randomUUID().toString();
            given().header("Authorization", BEARER).header("Idempotency-Key", key)
                    .contentType("application/json").body(body)
                    .when().post("/api/v1/requests?status=201")
                    .then().statusCode(201)
                    .header("X-Upstream-Instance", "request-1")
                    .body("method", equalTo("POST"))
                    .body("headers.'idempotency-key'", equalTo(List.of(key)))
                    .body("bodyLength", equalTo(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
        assertThat(retries() - retriesBefore).isEqualTo(1);
    }

    @Test
    void aKeyedPostArrivesWholeOverEitherProtocol() throws Exception {
        // java.net.http asks for h2c (HTTP/2 over cleartext) by upgrade; the body must survive either way
        String body = "{\"title\": \"楼上噪音\"}";
        for (java.net.http.HttpClient.Version version : java.net.http.HttpClient.Version.values()) {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder().version(version).build()
                    .send(java.net.http.HttpRequest.newBuilder(gateway.resolve("/api/v1/requests?status=201"))
                            .header("Authorization", BEARER)
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            System.out.println(version + " -> " + response.version() + " " + response.statusCode() + " " + response.body());
            assertThat(response.statusCode()).as(version.toString()).isEqualTo(201);
            assertThat(response.body()).contains("\"bodyLength\":" + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void aKeyedPostWithABodyTooLargeToHoldStreamsOnceAndIsNotRetried() {
        double retriesBefore = retries();
        upstreams.stop("request-2");
        String body = "x".repeat(5000); // retry-body-limit is 4096 here
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            statuses.add(given().header("Authorization", BEARER).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(body).when().post("/api/v1/requests").statusCode());
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 502);
        assertThat(retries() - retriesBefore).isZero();
    }

    @Test
    void withEveryInstanceDownTheAnswerIsA502NamingTheService() {
        upstreams.stop("request-1");
        upstreams.stop("request-2");
        for (int i = 0; i < 3; i++) {
            get("/api/v1/requests/r-1").then().statusCode(502)
                    .body("detail", equalTo("request-service is unavailable"));
        }
        given().when().get("/q/health/well").then().statusCode(503)
                .body("checks[0].data.'request-service'", org.hamcrest.Matchers.startsWith("DOWN (0 of 2 instances ready"));
        // both come back through the probe alone, without traffic
        upstreams.restart("request-1");
        upstreams.restart("request-2");
        awaitInRotation("request-1");
        awaitInRotation("request-2");
        get("/api/v1/requests/r-1").then().statusCode(200);
    }

    private static Response get(String path) {
        return given().header("Authorization", BEARER).when().get(path);
    }

    private String address(String instance) {
        return "127.0.0.1:" + upstreams.port(instance);
    }

    private void awaitInRotation(String instance) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !ejections.isEjected(SERVICE, address(instance)));
    }

    private double count(String name) {
        var counter = metrics.find(name).tag("service", SERVICE).counter();
        return counter == null ? 0 : counter.count();
    }

    private double retries() {
        var counter = metrics.find("gateway.upstream.retries").tag("service", SERVICE).counter();
        return counter == null ? 0 : counter.count();
    }
}
