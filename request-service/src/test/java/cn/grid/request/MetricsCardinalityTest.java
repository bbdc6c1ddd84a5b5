package cn.grid.request;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.MetricSeries;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static cn.grid.testsupport.MetricSeries.random;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's HTTP metrics are labelled by route template only: crafted paths and methods, with no token, a bad one
 * or a good one, at the service's own port (it answers without a gateway in front), add no time series. One round
 * makes the series each kind of request maps to; a second round with fresh random values must add none.
 */
@QuarkusTest
class MetricsCardinalityTest {

    static final int ROUND = 20;
    static final String TOKEN = "Bearer " + TestJwt.token("metrics-1", null, Roles.DISTRICT_ADMIN);

    @Test
    void randomPathsAndMethodsAddNoSeries() {
        assertThat(MetricSeries.addedBySecondRound(MetricsCardinalityTest::round, "http_server_"))
                .as("series added by %d random requests of each kind", ROUND).isEmpty();
    }

    private static void round() {
        List<Supplier<String>> paths = List.of(
                () -> "/" + random(),
                () -> "/api/v1/" + random(),
                () -> "/api/v1/requests/" + random(),
                () -> "/api/v1/requests/" + UUID.randomUUID(),
                () -> "/api/v1/requests/" + UUID.randomUUID() + "/" + random(),
                () -> "/open311/v2/requests/" + random() + ".json",
                () -> "/open311/v2/" + random(),
                () -> "/q/" + random());
        for (int i = 0; i < ROUND; i++) {
            for (Supplier<String> path : paths) {
                given().urlEncodingEnabled(false).when().get(path.get());
                given().urlEncodingEnabled(false).header("Authorization", "Bearer " + random())
                        .when().delete(path.get());
                given().urlEncodingEnabled(false).header("Authorization", TOKEN).when().put(path.get());
                given().urlEncodingEnabled(false).header("Authorization", TOKEN).contentType("application/json")
                        .body("{}").when().patch(path.get());
                given().urlEncodingEnabled(false).when().request("M" + random().substring(0, 8).toUpperCase(),
                        path.get());
            }
        }
    }
}
