package cn.grid.platform.work;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkListTest {

    @Test
    void countsKeepTheOrderTheServiceGaveThem() {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> kinds = new ArrayList<>();
        for (int i = 20; i > 0; i--) {
            counts.put("kind-" + i, (long) i);
            kinds.add("kind-" + i);
        }
        WorkList list = new WorkList(List.of(), counts, false);
        assertThat(list.counts().keySet()).containsExactlyElementsOf(kinds);
    }

    @Test
    void countsCannotBeChangedAfterwards() {
        Map<String, Long> counts = new LinkedHashMap<>(Map.of("overdue", 2L));
        WorkList list = new WorkList(List.of(), counts, false);
        counts.put("later", 1L);
        assertThat(list.counts()).containsOnlyKeys("overdue");
        assertThatThrownBy(() -> list.counts().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
