package cn.grid.gateway;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * As packaged (the test profile turns the management interface off so the other tests keep one port): health and
 * metrics only on the management port, never on the public one the gateway routes; the merged spec stays public.
 */
@QuarkusTest
@TestProfile(ManagementInterfaceTest.ManagementOn.class)
class ManagementInterfaceTest {

    public static class ManagementOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.enabled", "true");
        }
    }

    /** Some URL on the management interface: its scheme, host and (random) port are what counts. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void healthAndMetricsAreOnlyOnTheManagementPort() throws Exception {
        URL ready = new URL(management, "/q/health/ready");
        URL metrics = new URL(management, "/q/metrics");
        given().when().get(ready).then().statusCode(200).body("status", equalTo("UP"));
        given().when().get(metrics).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/health/live", "/q/health/well",
                "/q/metrics"}) {
            given().when().get(path).then().statusCode(404).contentType("application/problem+json")
                    .body(not(containsString("UP")));
        }
    }

    @Test
    void theMergedSpecStaysOnThePublicPort() {
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("paths", org.hamcrest.Matchers.notNullValue());
    }
}
