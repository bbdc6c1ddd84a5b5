package cn.grid.system;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Rights decided by the registry, through the gateway, with tokens that carry no grid_scope and claim no registry
 * role: a grid worker's rights follow their assignment in every service, and a reassignment reaches each service
 * without a new token. Prints how long it took in each.
 */
class RegistryRightsIT extends AgainstTheSuite {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    static String token(String subject, String role) {
        return "Bearer " + devToken(subject, List.of(role), null);
    }

    static int status(String token, String path) {
        return given().baseUri(suite.gateway()).header("Authorization", token).get(path).then().extract().statusCode();
    }

    /** Milliseconds until {@code check} answers {@code wanted}, polling every 5 ms. */
    static long millisUntil(IntSupplier check, int wanted, long since) {
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> check.getAsInt() == wanted);
        return (System.nanoTime() - since) / 1_000_000;
    }

    @Test
    void aWorkersRightsFollowTheAssignmentInEveryServiceWithoutANewToken() {
        String admin = token("rr-district-admin", "district-admin");
        String district = node(admin, "南沙区", "DISTRICT", null);
        String gridA = node(admin, "南沙街道", "STREET", district);
        String gridB = node(admin, "东涌镇", "STREET", district);
        for (String grid : List.of(gridA, gridB)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> status(admin, "/api/v1/requests/grid-nodes/" + grid) == 200
                    && status(admin, "/api/v1/study/grid-nodes/" + grid) == 200);
        }
        String login = "rr-worker-" + UUID.randomUUID();
        String person = given().baseUri(suite.gateway()).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\": \"黄网格员\", \"homeNodeId\": \"%s\", \"subject\": \"%s\"}".formatted(gridA, login))
                .post("/api/v1/people").then().statusCode(201).extract().path("id");
        var assigned = given().baseUri(suite.gateway()).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"GRID_WORKER\", \"startDate\": \"%s\"}".formatted(person,
                        LocalDate.now(CHINA).minusDays(30)))
                .post("/api/v1/grids/" + gridA + "/assignments").then().statusCode(201).extract();
        String atA = assigned.path("id");
        String etag = assigned.header("ETag");

        // the worker's token: who they are, "staff", nothing else — no grid_scope, no grid-worker role
        String worker = token(login, "staff");
        String citizen = token("rr-citizen", "citizen");
        String ticketA = submit(citizen, gridA);
        String ticketB = submit(citizen, gridB);

        await().atMost(Duration.ofSeconds(20)).until(() -> status(worker, "/api/v1/requests/" + ticketA) == 200);
        org.assertj.core.api.Assertions.assertThat(status(worker, "/api/v1/requests/" + ticketB)).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(status(worker, "/api/v1/grids/" + gridB + "/people")).isEqualTo(403);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(worker, "/api/v1/study/grid-nodes/" + gridA) == 200);
        org.assertj.core.api.Assertions.assertThat(status(worker, "/api/v1/study/grid-nodes/" + gridB)).isEqualTo(403);

        // reassigned from A to B in grid-service: ended at A yesterday, started at B today
        long reassigned = System.nanoTime();
        given().baseUri(suite.gateway()).header("Authorization", admin).header("If-Match", etag)
                .contentType(ContentType.JSON).body("{\"endDate\": \"%s\", \"reason\": \"调任\"}".formatted(LocalDate.now(CHINA).minusDays(1)))
                .post("/api/v1/grids/" + gridA + "/assignments/" + atA + "/end").then().statusCode(200);
        given().baseUri(suite.gateway()).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"GRID_WORKER\"}".formatted(person))
                .post("/api/v1/grids/" + gridB + "/assignments").then().statusCode(201);
        long committed = System.nanoTime();

        long grid = millisUntil(() -> status(worker, "/api/v1/grids/" + gridB + "/people"), 200, committed);
        long request = millisUntil(() -> status(worker, "/api/v1/requests/" + ticketB), 200, committed);
        long requestOld = millisUntil(() -> status(worker, "/api/v1/requests/" + ticketA), 403, committed);
        long study = millisUntil(() -> status(worker, "/api/v1/study/grid-nodes/" + gridB), 200, committed);
        long studyOld = millisUntil(() -> status(worker, "/api/v1/study/grid-nodes/" + gridA), 403, committed);
        System.out.printf("reassignment (two grid-service calls, %d ms) reached: grid-service %d ms, request-service "
                + "%d ms (old grid refused after %d ms), study-service %d ms (old grid refused after %d ms) after the "
                + "second commit%n", (committed - reassigned) / 1_000_000, grid, request, requestOld, study, studyOld);
    }

    static String submit(String citizen, String grid) {
        return given().baseUri(suite.gateway()).header("Authorization", citizen).contentType(ContentType.JSON)
                .body("{\"type\": \"PROBLEM_REPORT\", \"title\": \"路灯不亮\", \"gridNodeId\": \"" + grid + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
    }
}
