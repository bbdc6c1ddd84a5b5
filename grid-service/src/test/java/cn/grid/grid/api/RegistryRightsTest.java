package cn.grid.grid.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import static cn.grid.grid.api.GridNodeResourceTest.district;
import static cn.grid.grid.api.GridTreeOperationsTest.child;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * What a login may do is what the registry says of its person now, whatever the token claims: a reassignment
 * changes it without a new token; a claimed role or grid scope gives nothing.
 */
@QuarkusTest
class RegistryRightsTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("rights-admin", null, Roles.DISTRICT_ADMIN);

    static int status(String token, String path) {
        return given().header("Authorization", token).get(path).then().extract().statusCode();
    }

    static ExtractableResponse<Response> assign(String node, String person, String role) {
        // from a week ago, so that ending it "yesterday" is a valid end whatever the hour in Asia/Shanghai
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"%s\", \"startDate\": \"%s\"}".formatted(person, role,
                        LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(7)))
                .post("/api/v1/grids/" + node + "/assignments").then().statusCode(201).extract();
    }

    @Test
    void aReassignmentChangesWhatTheSameTokenMayDo() {
        String root = district();
        String gridA = child(root, "STREET", "A", "A 街道");
        String gridB = child(root, "STREET", "B", "B 街道");
        String login = "rights-worker-" + gridA;
        String person = RegistryLogins.personWithLogin(gridA, "黄网格员", login);
        ExtractableResponse<Response> atA = assign(gridA, person, "GRID_WORKER");
        String worker = "Bearer " + TestJwt.token(login, null, Roles.STAFF);

        // grid-service reads its own tables: right after the commit
        org.assertj.core.api.Assertions.assertThat(status(worker, "/api/v1/grids/" + gridA + "/people")).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(status(worker, "/api/v1/grids/" + gridB + "/people")).isEqualTo(403);

        given().header("Authorization", ADMIN).header("If-Match", atA.header("ETag")).contentType(ContentType.JSON)
                .body("{\"endDate\": \"%s\", \"reason\": \"调任\"}".formatted(
                        LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1)))
                .post("/api/v1/grids/" + gridA + "/assignments/" + atA.path("id") + "/end").then().statusCode(200);
        assign(gridB, person, "GRID_WORKER");

        // the same token: no new login, no claim changed (how fast, bench and RegistryRightsIT measure)
        await().atMost(Duration.ofSeconds(5)).until(() -> status(worker, "/api/v1/grids/" + gridB + "/people") == 200
                && status(worker, "/api/v1/grids/" + gridA + "/people") == 403);
    }

    @Test
    void rolesAndScopeClaimedByATokenGiveNothing() {
        String root = district();
        String grid = child(root, "STREET", "C", "C 街道");
        // a login linked to no person, whose token claims everything a worker and an administrator have
        String claims = "Bearer " + TestJwt.token("rights-claimer", grid, Roles.GRID_WORKER, Roles.ORG_ADMIN,
                Roles.PARTY_MEMBER);
        org.assertj.core.api.Assertions.assertThat(status(claims, "/api/v1/grids/" + grid + "/people")).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(given().header("Authorization", claims)
                .contentType(ContentType.JSON).body("{\"name\": \"越权社区\", \"level\": \"COMMUNITY\", \"code\": \"X1\", "
                        + "\"parentId\": \"" + grid + "\"}")
                .post("/api/v1/grids").then().extract().statusCode()).isEqualTo(403);
    }

    @Test
    void aPartyMemberRegisteredInOneGridAndAWorkerInAnotherIsStaffOnlyInTheSecond() {
        String root = district();
        String gridA = child(root, "STREET", "D", "D 街道");
        String gridB = child(root, "STREET", "E", "E 街道");
        String login = "rights-both-" + gridA;
        String person = RegistryLogins.personWithLogin(gridA, "双报到", login);
        assign(gridA, person, "PARTY_MEMBER");
        assign(gridB, person, "GRID_WORKER");
        String token = "Bearer " + TestJwt.token(login, null, Roles.STAFF);

        org.assertj.core.api.Assertions.assertThat(status(token, "/api/v1/grids/" + gridB + "/people")).isEqualTo(200);
        // where they are only registered, they read the node but not the people living there
        org.assertj.core.api.Assertions.assertThat(status(token, "/api/v1/grids/" + gridA)).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(status(token, "/api/v1/grids/" + gridA + "/people")).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(status(token, "/api/v1/grids/" + root)).isEqualTo(403);
    }
}
