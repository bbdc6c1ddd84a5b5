package cn.grid.bench.faults;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    @Test
    void percentilesAreNearestRank() {
        List<Long> values = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

        assertThat(Report.percentile(values, 50)).isEqualTo(5);
        assertThat(Report.percentile(values, 99)).isEqualTo(10);
        assertThat(Report.percentile(List.of(42L), 99)).isEqualTo(42);
    }

    @Test
    void answersAreGroupedByOperationThenStatus() {
        Map<String, AtomicInteger> counts = Map.of("rename 200", new AtomicInteger(12), "rename 412",
                new AtomicInteger(3), "move 200", new AtomicInteger(4));

        assertThat(Report.byOperation(counts)).isEqualTo(Map.of("move", Map.of("200", 4), "rename",
                Map.of("200", 12, "412", 3)));
    }

    @Test
    void aReadModelDiffersByMissingExtraAndChangedRows() {
        Map<String, String> owner = Map.of("a", "1", "b", "2", "c", "3");
        Map<String, String> copy = Map.of("a", "1", "b", "two", "d", "4");

        assertThat(OrderAtScaleScenario.differing(owner, copy)).isEqualTo(3);
        assertThat(OrderAtScaleScenario.differing(owner, owner)).isZero();
    }

    @Test
    void theManagementInterfaceIsTheHttpPortPlus100() {
        assertThat(FaultSettings.management("http://127.0.0.1:18083")).isEqualTo("http://127.0.0.1:18183");
    }
}
