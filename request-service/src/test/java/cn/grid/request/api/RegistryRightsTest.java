package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * request-service decides rights from its copy of the registry: a worker's reach follows the assignments
 * grid-service announces, with the same token; claimed roles and scopes give nothing.
 */
@QuarkusTest
class RegistryRightsTest {

    static int status(String token, String path) {
        return given().header("Authorization", token).get(path).then().extract().statusCode();
    }

    static String submit(UUID grid) {
        return given().header("Authorization", "Bearer " + TestJwt.token("rights-citizen", null, Roles.CITIZEN))
                .contentType(ContentType.JSON)
                .body("{\"type\": \"PROBLEM_REPORT\", \"title\": \"井盖缺失\", \"gridNodeId\": \"" + grid + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
    }

    @Test
    void aReassignmentAnnouncedByGridServiceMovesTheWorkersReach() {
        UUID district = UUID.randomUUID();
        UUID gridA = UUID.randomUUID();
        UUID gridB = UUID.randomUUID();
        KnownGrids.chain(new UUID[] {district, gridA}, new String[] {"长沙县", "春华镇"});
        KnownGrids.chain(new UUID[] {district, gridB}, new String[] {"长沙县", "漆河镇"});
        String pathA = "/" + district + "/" + gridA + "/";
        String pathB = "/" + district + "/" + gridB + "/";
        String ticketA = submit(gridA);
        String ticketB = submit(gridB);

        String login = "rights-worker-" + gridA;
        UUID atA = TestRegistry.assign(login, gridA, pathA, "GRID_WORKER");
        String worker = "Bearer " + TestJwt.token(login, null, Roles.STAFF);
        assertThat(status(worker, "/api/v1/requests/" + ticketA)).isEqualTo(200);
        assertThat(status(worker, "/api/v1/requests/" + ticketB)).isEqualTo(403);

        TestRegistry.end(atA, false);
        TestRegistry.assign(login, gridB, pathB, "GRID_WORKER");
        // applied by the consumer; the cached rights are dropped on the read model's NOTIFY, not on a new token
        await().atMost(Duration.ofSeconds(5)).until(() -> status(worker, "/api/v1/requests/" + ticketB) == 200
                && status(worker, "/api/v1/requests/" + ticketA) == 403);
    }

    @Test
    void aTokenClaimingAWorkersRoleAndScopeReadsNothing() {
        UUID district = UUID.randomUUID();
        UUID grid = UUID.randomUUID();
        KnownGrids.chain(new UUID[] {district, grid}, new String[] {"桃源县", "漆河镇"});
        String ticket = submit(grid);
        String claims = "Bearer " + TestJwt.token("rights-claimer-" + grid, grid.toString(), Roles.GRID_WORKER,
                Roles.ORG_ADMIN);
        assertThat(status(claims, "/api/v1/requests/" + ticket)).isEqualTo(403);
        assertThat(given().header("Authorization", claims).header("If-Match", "\"0\"")
                .post("/api/v1/requests/" + ticket + "/accept").then().extract().statusCode()).isEqualTo(403);
    }
}
