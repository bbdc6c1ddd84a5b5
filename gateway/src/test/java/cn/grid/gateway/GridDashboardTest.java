package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The composite grid read against three real (fake) services: what each is asked, with which headers. */
@QuarkusTest
class GridDashboardTest {

    static final String TOKEN = TestJwt.token("admin-1", null, Roles.DISTRICT_ADMIN);

    @Test
    void theThreePartsComeFromTheirServicesWithTheCallersToken() {
        String node = UUID.randomUUID().toString();
        JsonPath answer = given().header("Authorization", "Bearer " + TOKEN).header("X-Request-Id", "dash-1")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .queryParam("month", "2026-02")
                .when().get("/api/v1/dashboard/grids/" + node)
                .then().statusCode(200).contentType("application/json").header("X-Request-Id", "dash-1")
                .extract().jsonPath();
        assertThat(answer.getString("gridNodeId")).isEqualTo(node);
        assertThat(answer.getString("month")).isEqualTo("2026-02");
        assertThat(answer.getBoolean("partial")).isFalse();
        assertThat(answer.getList("missing")).isEmpty();
        assertThat(answer.getString("node.service")).isEqualTo("grid");
        assertThat(answer.getString("node.path")).isEqualTo("/api/v1/grids/" + node);
        assertThat(answer.getString("requests.service")).isEqualTo("request");
        assertThat(answer.getString("requests.path")).isEqualTo("/api/v1/requests/stats");
        assertThat(answer.getString("requests.query"))
                .isEqualTo("gridNodeId=" + node + "&from=2026-02-01&to=2026-02-28");
        assertThat(answer.getString("study.path")).isEqualTo("/api/v1/study/compliance/grid-nodes/" + node);
        assertThat(answer.getString("study.query")).isEqualTo("month=2026-02");
        for (String part : new String[] {"node", "requests", "study"}) {
            assertThat(answer.getList(part + ".headers.authorization")).containsExactly("Bearer " + TOKEN);
            assertThat(answer.getList(part + ".headers.x-request-id")).containsExactly("dash-1");
            // each call a client span of the caller's trace
            assertThat(answer.getList(part + ".headers.traceparent", String.class)).singleElement().asString()
                    .matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01")
                    .isNotEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        }
    }

    @Test
    void withoutAValidTraceparentTheThreeCallsShareTheNewTraceTheGatewayStarted() {
        // a first call warms the fan-out path up, so this one's node part is not lost to a cold start
        given().header("Authorization", "Bearer " + TOKEN).when().get("/api/v1/dashboard/grids/" + UUID.randomUUID());
        JsonPath answer = given().header("Authorization", "Bearer " + TOKEN)
                .header("traceparent", "not-a-traceparent").header("tracestate", "vendor=1")
                .when().get("/api/v1/dashboard/grids/" + UUID.randomUUID())
                .then().statusCode(200).extract().jsonPath();
        String made = answer.getString("node.headers.traceparent[0]");
        assertThat(made).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String traceId = made.substring(3, 35);
        for (String part : new String[] {"node", "requests", "study"}) {
            if (answer.get(part) == null) {
                // left out (named in missing): on a loaded machine a part may miss the dashboard's timeout
                continue;
            }
            // one new trace for the request; each call a client span of it
            assertThat(answer.getList(part + ".headers.traceparent", String.class)).singleElement().asString()
                    .startsWith("00-" + traceId + "-");
            // the caller's tracestate belonged to the invalid traceparent
            assertThat(answer.getList(part + ".headers.tracestate")).isNullOrEmpty();
        }
    }

    @Test
    void theMonthDefaultsToTheCurrentOneInChina() {
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        given().header("Authorization", "Bearer " + TOKEN)
                .when().get("/api/v1/dashboard/grids/" + UUID.randomUUID())
                .then().statusCode(200).body("month", equalTo(month)).body("study.query", equalTo("month=" + month));
    }

    @Test
    void anUnknownNodeIsTheNodeServicesProblem() {
        given().header("Authorization", "Bearer " + TOKEN)
                .when().get("/api/v1/dashboard/grids/" + FakeUpstreams.MISSING_NODE)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("grid node " + FakeUpstreams.MISSING_NODE + " does not exist"))
                .body("instance", equalTo("/api/v1/dashboard/grids/" + FakeUpstreams.MISSING_NODE));
    }

    @Test
    void aSlowPartIsLeftOutAndNamed() {
        JsonPath answer = given().header("Authorization", "Bearer " + TOKEN)
                .when().get("/api/v1/dashboard/grids/" + FakeUpstreams.SLOW_STUDY_NODE)
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getBoolean("partial")).isTrue();
        assertThat(answer.getString("node.service")).isEqualTo("grid");
        assertThat(answer.getString("requests.service")).isEqualTo("request");
        assertThat(answer.getString("study")).isNull();
        assertThat(answer.getString("missing[0].part")).isEqualTo("study");
        assertThat(answer.getString("missing[0].service")).isEqualTo("study-service");
        assertThat(answer.getInt("missing[0].status")).isEqualTo(504);
    }

    @Test
    void badInputIsA400Problem() {
        given().header("Authorization", "Bearer " + TOKEN)
                .when().get("/api/v1/dashboard/grids/not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
        given().header("Authorization", "Bearer " + TOKEN).queryParam("month", "2026-13")
                .when().get("/api/v1/dashboard/grids/" + UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("month"));
        given().when().get("/api/v1/dashboard/grids/" + UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json");
    }
}
