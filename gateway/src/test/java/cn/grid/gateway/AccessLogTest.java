package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The access log as configured in application.properties (off in %test), written to a file to read back. */
@QuarkusTest
@TestProfile(AccessLogTest.AccessLogOn.class)
class AccessLogTest {

    static final Path DIRECTORY = Path.of("target", "access-log-test");

    public static class AccessLogOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                // the receiver writes into the directory but does not make it
                Files.createDirectories(DIRECTORY);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Map.of(
                    "quarkus.http.access-log.enabled", "true",
                    "quarkus.http.access-log.log-to-file", "true",
                    "quarkus.http.access-log.log-directory", DIRECTORY.toAbsolutePath().toString(),
                    "quarkus.http.access-log.base-file-name", "gateway-access");
        }
    }

    @Test
    void oneLinePerRequestWithPathRouteSubjectTraceAndRequestIdButNoQuery() throws IOException {
        String requestId = "log-" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + TestJwt.token("logged-1", null, Roles.GRID_WORKER))
                .header("X-Request-Id", requestId)
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .queryParam("phone", "13800000000")
                .when().get("/api/v1/grids/g-1").then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(lines()).contains(requestId));
        String line = lines().lines().filter(l -> l.contains(requestId)).findFirst().orElseThrow();
        assertThat(line).contains("GET /api/v1/grids/g-1 200")
                .contains("rid=" + requestId)
                .contains("route=/api/v1/grids")
                .contains("sub=logged-1")
                .contains("trace=4bf92f3577b34da6a3ce929d0e0e4736")
                .doesNotContain("13800000000")
                .doesNotContain("Bearer");
    }

    @Test
    void aSubjectWithLineBreaksCannotForgeALine() throws IOException {
        // a signed token whose subject carries CR/LF and a whole fake line after it
        String forged = "127.0.0.1 GET /api/v1/forged-" + UUID.randomUUID() + " 200 0 1 ms";
        String requestId = "log-" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + TestJwt.token("evil\r\n" + forged + "\u0085\u2028x y\\",
                        null, Roles.GRID_WORKER))
                .header("X-Request-Id", requestId)
                .when().get("/api/v1/grids/g-1").then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(lines()).contains(requestId));
        String line = lines().lines().filter(l -> l.contains(requestId)).findFirst().orElseThrow();
        // the forged text stays inside the one line of the request, escaped
        assertThat(line).contains("sub=evil\\u000d\\u000a127.0.0.1\\u0020GET\\u0020/api/v1/forged-")
                .contains("\\u0085\\u2028x\\u0020y\\u005c trace=");
        assertThat(lines().split("\\R", -1)).noneMatch(l -> l.startsWith("127.0.0.1 GET /api/v1/forged-"));
    }

    private static String lines() throws IOException {
        Path file = DIRECTORY.resolve("gateway-access.log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
