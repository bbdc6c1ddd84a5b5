package cn.grid.system;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;

import static cn.grid.system.RequestLifecycleIT.node;
import static cn.grid.system.RequestLifecycleIT.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Scope across the three services, through the gateway: a token bound to street A never reads street B's data
 * in any service (nor in the gateway's composite read), and a citizen never reads another citizen's tickets.
 */
class ScopeAndDashboardIT extends AgainstTheSuite {

    static ValidatableResponse get(String token, String path) {
        return given().baseUri(suite.gateway()).header("Authorization", token).get(path).then();
    }

    static String party(String admin, String name, String kind, String node, String parent) {
        return given().baseUri(suite.gateway()).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"kind\": \"%s\", \"gridNodeId\": \"%s\"%s}".formatted(name, kind, node,
                        parent == null ? "" : ", \"parentId\": \"" + parent + "\""))
                .post("/api/v1/party-orgs").then().statusCode(201).extract().path("id");
    }

    @Test
    void aTokenBoundToOneStreetReadsNothingOfAnotherInAnyService() {
        String admin = token("scope-district-admin", "district-admin", null);
        String district = node(admin, "兴隆台区", "DISTRICT", null);
        String streetA = node(admin, "振兴街道", "STREET", district);
        String streetB = node(admin, "渤海街道", "STREET", district);
        String gridA = node(admin, "迎宾社区网格", "GRID", node(admin, "迎宾社区", "COMMUNITY", streetA));
        String gridB = node(admin, "胜利社区网格", "GRID", node(admin, "胜利社区", "COMMUNITY", streetB));
        String orgA = party(admin, "振兴街道党工委", "WORKING_COMMITTEE", streetA, null);
        String orgB = party(admin, "渤海街道党工委", "WORKING_COMMITTEE", streetB, null);
        // both other services have learnt the tree and the organisations from grid.events
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            get(admin, "/api/v1/requests/grid-nodes/" + gridB).statusCode(200);
            get(admin, "/api/v1/study/grid-nodes/" + gridB).statusCode(200);
            get(admin, "/api/v1/study/compliance?orgId=" + orgB + "&month=" + YearMonth.now(ZoneId.of("Asia/Shanghai")))
                    .statusCode(200);
        });

        String citizen1 = token("scope-citizen-1", "citizen", null);
        String citizen2 = token("scope-citizen-2", "citizen", null);
        String ticketA = submit(citizen1, gridA, "迎宾社区路灯不亮");
        String ticketB = submit(citizen2, gridB, "胜利社区下水道堵塞");

        // no grid_scope, no registry role in the tokens: the registry makes A's administrator and worker
        registrySecretary(admin, "scope-admin-a", streetA, orgA);
        registryAssignment(admin, "scope-worker-a", gridA, "GRID_WORKER");
        String adminA = token("scope-admin-a", "staff", null);
        String workerA = token("scope-worker-a", "staff", null);
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

        // what A may read
        get(adminA, "/api/v1/grids/" + gridA).statusCode(200);
        get(adminA, "/api/v1/requests/" + ticketA).statusCode(200);
        get(workerA, "/api/v1/requests/" + ticketA).statusCode(200);
        get(adminA, "/api/v1/study/compliance?orgId=" + orgA + "&month=" + month).statusCode(200);

        // grid-service
        forbidden(get(adminA, "/api/v1/grids/" + streetB));
        forbidden(get(adminA, "/api/v1/grids/" + gridB + "/ancestors"));
        forbidden(get(adminA, "/api/v1/party-orgs/" + orgB));
        // request-service
        forbidden(get(adminA, "/api/v1/requests/" + ticketB));
        forbidden(get(workerA, "/api/v1/requests/" + ticketB));
        forbidden(get(adminA, "/api/v1/requests?gridNodeId=" + gridB));
        forbidden(get(adminA, "/api/v1/requests/stats?gridNodeId=" + streetB + "&from=" + today + "&to=" + today));
        get(adminA, "/api/v1/requests?gridNodeId=" + streetA).statusCode(200)
                .body("items.id", hasItem(ticketA)).body("items.id", not(hasItem(ticketB)));
        // study-service
        forbidden(get(adminA, "/api/v1/study/compliance?orgId=" + orgB + "&month=" + month));
        forbidden(get(adminA, "/api/v1/study/compliance/grid-nodes/" + streetB + "?month=" + month));
        // the gateway's composite read: no screen for B at all
        forbidden(get(adminA, "/api/v1/dashboard/grids/" + streetB));

        // citizens: their own tickets only
        get(citizen1, "/api/v1/requests/" + ticketA).statusCode(200);
        forbidden(get(citizen1, "/api/v1/requests/" + ticketB));
        get(citizen1, "/api/v1/requests").statusCode(200)
                .body("items.id", hasItem(ticketA)).body("items.id", not(hasItem(ticketB)));
        forbidden(get(citizen1, "/api/v1/requests?gridNodeId=" + gridB));
    }

    @Test
    void theDashboardOfAStreetJoinsItsNodeTicketsAndStudy() {
        String admin = token("dash-district-admin", "district-admin", null);
        String district = node(admin, "南沙区", "DISTRICT", null);
        String street = node(admin, "南沙街道", "STREET", district);
        String grid = node(admin, "南沙街道第一网格", "GRID", node(admin, "金沙社区", "COMMUNITY", street));
        String org = party(admin, "南沙街道党工委", "WORKING_COMMITTEE", street, null);
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            get(admin, "/api/v1/requests/grid-nodes/" + grid).statusCode(200);
            get(admin, "/api/v1/study/compliance?orgId=" + org + "&month=" + month).statusCode(200);
        });
        submit(token("dash-citizen", "citizen", null), grid, "南沙街道疫苗接种预约");

        registrySecretary(admin, "dash-street-admin", street, org);
        registryAssignment(admin, "dash-worker", grid, "GRID_WORKER");
        String streetAdmin = token("dash-street-admin", "staff", null);
        get(streetAdmin, "/api/v1/dashboard/grids/" + street).statusCode(200)
                .body("gridNodeId", equalTo(street)).body("month", equalTo(month))
                .body("partial", equalTo(false))
                .body("node.name", equalTo("南沙街道"))
                .body("requests.submitted", equalTo(1))
                .body("study.organisations[0].orgId", equalTo(org))
                .body("study.organisations[0].name", equalTo("南沙街道党工委"));
        // a grid worker may read the node and the tickets but not the compliance figures: a partial answer
        get(token("dash-worker", "staff", null), "/api/v1/dashboard/grids/" + grid).statusCode(200)
                .body("partial", equalTo(true)).body("node.id", equalTo(grid))
                .body("requests", notNullValue()).body("study", equalTo(null))
                .body("missing[0].part", equalTo("study")).body("missing[0].status", equalTo(403));
        get(admin, "/api/v1/dashboard/grids/" + UUID.randomUUID()).statusCode(404)
                .contentType("application/problem+json");
    }

    private static String submit(String citizen, String grid, String title) {
        return given().baseUri(suite.gateway()).header("Authorization", citizen)
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body("{\"type\": \"PROBLEM_REPORT\", \"title\": \"" + title + "\", \"gridNodeId\": \"" + grid + "\"}")
                .post("/api/v1/requests").then().statusCode(201).extract().path("id");
    }

    private static void forbidden(ValidatableResponse response) {
        response.statusCode(403).contentType("application/problem+json");
    }
}
