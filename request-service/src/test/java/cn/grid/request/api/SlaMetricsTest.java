package cn.grid.request.api;

import cn.grid.request.app.SlaSweepService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;

import static cn.grid.request.api.RequestLifecycleTest.move;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SLA series on /q/metrics follow the sweep and the moves: a missed deadline raises both the count of overdue
 * tickets and the counter of marks; answering the ticket lowers the count, never the counter. Other tests' tickets
 * share the table (a sweep with its clock set ahead marks them too), so the checks compare the two series' steps.
 */
@QuarkusTest
class SlaMetricsTest {

    @Inject
    SlaSweepService sweep;

    @Test
    void aMissedDeadlineIsCountedUntilTheClockStopsAndTheMarkCounterOnlyGrows() {
        new SlaAndEscalationTest().tree();
        // the first sample is taken at start; a NaN here would be a count that cannot be read
        await().atMost(Duration.ofSeconds(30)).until(() -> !Double.isNaN(metric("grid_requests_overdue{stage=\"RESPOND\"}")));
        double overdueBefore = metric("grid_requests_overdue{stage=\"RESPOND\"}");
        double markedBefore = metric("grid_requests_sla_overdue_marked_total{stage=\"RESPOND\"}");
        assertThat(markedBefore).isGreaterThanOrEqualTo(0);

        String id = SlaAndEscalationTest.submit("water-pipe", "{\"water_cut\": \"yes\"}");
        sweep.sweep(OffsetDateTime.now().plusMinutes(61));
        double marked = metric("grid_requests_sla_overdue_marked_total{stage=\"RESPOND\"}");
        // the count is sampled in the background (every 100 ms in tests): it follows within a moment
        await().atMost(Duration.ofSeconds(30)).until(
                () -> metric("grid_requests_overdue{stage=\"RESPOND\"}") - overdueBefore == marked - markedBefore);
        double overdue = metric("grid_requests_overdue{stage=\"RESPOND\"}");
        assertThat(SlaAndEscalationTest.ticket(id).getList("sla.overdue")).contains("RESPOND");
        // this ticket at least, and every ticket the sweep marked is open and late now
        assertThat(marked - markedBefore).isGreaterThanOrEqualTo(1);
        assertThat(overdue - overdueBefore).isEqualTo(marked - markedBefore);

        move(SlaAndEscalationTest.WORKER, id, "accept", null).statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(
                () -> metric("grid_requests_overdue{stage=\"RESPOND\"}") == overdue - 1);
        assertThat(metric("grid_requests_sla_overdue_marked_total{stage=\"RESPOND\"}")).isEqualTo(marked);
    }

    /** The value of one series, as Prometheus scrapes it: {@code name{stage="RESPOND"} 3.0}. */
    private static double metric(String series) {
        String scrape = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .orElseThrow(() -> new AssertionError(series + " not in the scrape:\n" + scrape.lines()
                        .filter(line -> line.startsWith("grid_")).toList()));
    }
}
