package cn.grid.request;

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
        round();
        Set<String> before = series();
        round();
        Set<String> added = new TreeSet<>(series());
        added.removeAll(before);
        assertThat(added.stream().map(s -> s.replaceAll(",?le=\"[^\"]*\"", "")).distinct().toList())
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

    private static Set<String> series() {
        Set<String> series = new TreeSet<>();
        given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("http_server_"))
                .map(line -> line.substring(0, line.lastIndexOf(' ')))
                .forEach(series::add);
        return series;
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
