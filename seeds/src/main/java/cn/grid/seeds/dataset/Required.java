package cn.grid.seeds.dataset;

import java.util.List;
import java.util.Map;

/** The checks the records' compact constructors share: what a dataset item must have, and empty defaults. */
final class Required {

    private Required() {
    }

    static <T> T present(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + what + "'");
        }
        return value;
    }

    static int positive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException("'" + what + "' must be at least 1, is " + value);
        }
        return value;
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
