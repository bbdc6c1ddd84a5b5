package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
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
        round();
        Set<String> before = series();
        round();
        Set<String> added = new TreeSet<>(series());
        added.removeAll(before);
        // the name and labels of a series, without the histogram's le="..." buckets
        assertThat(added.stream().map(s -> s.replaceAll(",?le=\"[^\"]*\"", "")).distinct().toList())
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

    private static Set<String> series() {
        Set<String> series = new TreeSet<>();
        given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("http_server_") || line.startsWith("gateway_"))
                .filter(line -> !line.startsWith("#"))
                // the name and labels, not the value
                .map(line -> line.substring(0, line.lastIndexOf(' ')))
                .forEach(series::add);
        return series;
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
