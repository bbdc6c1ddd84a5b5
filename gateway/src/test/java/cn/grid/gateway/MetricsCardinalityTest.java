package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.MetricSeries;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static cn.grid.testsupport.MetricSeries.random;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metric labels come from route templates only: crafted paths and methods — without a token, with a bad one, with
 * a good one — must not add time series (each new label value is a series of some 70 histogram buckets held
 * forever). One round of each kind of request makes the series its kind maps to; a second round with fresh random
 * values must add none.
 */
@QuarkusTest
class MetricsCardinalityTest {

    static final int ROUND = 10;
    static final String TOKEN = "Bearer " + TestJwt.token("metrics-1", null, Roles.GRID_WORKER);

    @Test
    void randomPathsAndMethodsAddNoSeries() {
        assertThat(MetricSeries.addedBySecondRound(MetricsCardinalityTest::round, "http_server_", "gateway_"))
                .as("series added by %d random requests of each kind", ROUND).isEmpty();
    }

    private static void round() {
        List<Supplier<String>> paths = List.of(
                () -> "/" + random(),
                () -> "/" + random() + "/" + random(),
                () -> "/api/" + random(),
                () -> "/api/v1/" + random() + "/x",
                () -> "/api/v1/grids/" + random(),
                () -> "/api/v1/dashboard/grids/" + random(),
                () -> "/api/v1/me/notifications/" + random() + "/read",
                () -> "/api/v1/webhooks/subscriptions/" + random(),
                () -> "/open311/" + random(),
                () -> "/open311/v2/requests/" + random() + ".json",
                () -> "/xapi/" + random(),
                () -> "/auth/" + random(),
                () -> "/q/" + random(),
                () -> "/q/swagger-ui/" + random() + ".js",
                () -> "/api/v1/grids/%2e%2e/" + random());
        for (int i = 0; i < ROUND; i++) {
            for (Supplier<String> path : paths) {
                given().urlEncodingEnabled(false).when().get(path.get());
                given().urlEncodingEnabled(false).header("Authorization", "Bearer " + random())
                        .when().delete(path.get());
                given().urlEncodingEnabled(false).header("Authorization", TOKEN).when().get(path.get());
                // a method nobody defined
                given().urlEncodingEnabled(false).when().request("M" + random().substring(0, 8).toUpperCase(),
                        path.get());
            }
        }
    }
}
