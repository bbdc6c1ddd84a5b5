package cn.grid.system;

import cn.grid.system.PromQlSelectors.Selector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scanner ExportedMetricsIT finds the rules' and dashboards' metric names with. */
class PromQlSelectorsTest {

    @Test
    void metricNamesWithTheirMatchersLabelsAndNothingElse() {
        assertThat(PromQlSelectors.of("""
                histogram_quantile(0.99,
                  sum by (job, le) (rate(http_server_requests_seconds_bucket{uri!~"/q/.*", job="x"}[5m]))) > 1"""))
                .containsExactly(new Selector("http_server_requests_seconds_bucket", Set.of("uri", "job")));
        assertThat(PromQlSelectors.of("sum by (consumer) (clamp_min(grid_consumer_lag, 0)) > 1000"))
                .containsExactly(new Selector("grid_consumer_lag", Set.of()));
        assertThat(PromQlSelectors.of("max(grid_outbox_backlog) by (job) - max(grid_outbox_backlog offset 1h)"))
                .extracting(Selector::metric).containsExactly("grid_outbox_backlog", "grid_outbox_backlog");
    }

    @Test
    void grafanaVariablesStringsAndBinaryOperatorsAreNotMetrics() {
        List<Selector> selectors = PromQlSelectors.of("""
                sum(rate(a_total{status=~"5..",instance=~"$instance"}[$__rate_interval])) / on (job) group_left (x)
                sum(rate(b_total[$__rate_interval])) and bool c unless up{job=~"gateway|grid-service"} == 0""");
        assertThat(selectors).extracting(Selector::metric).containsExactly("a_total", "b_total", "c", "up");
        assertThat(selectors.get(0).labels()).containsExactly("status", "instance");
        assertThat(selectors.get(3).labels()).containsExactly("job");
        // a label value that looks like a metric name, in a string, is not one
        assertThat(PromQlSelectors.of("x{a=\"not_a_metric{b}\"} * 1e3 + 0.5"))
                .containsExactly(new Selector("x", Set.of("a")));
    }

    @Test
    void aSelectorWithoutANameIsRefused() {
        assertThatThrownBy(() -> PromQlSelectors.of("{__name__=~\"grid_.*\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
