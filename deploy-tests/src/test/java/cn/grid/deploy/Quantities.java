package cn.grid.deploy;

import java.math.BigDecimal;
import java.util.Map;

/** Kubernetes resource quantities ("250m", "1", "512Mi", "1Gi") as numbers, to compare requests with limits. */
final class Quantities {

    private static final Map<String, BigDecimal> SUFFIXES = Map.of(
            "m", new BigDecimal("0.001"),
            "k", BigDecimal.valueOf(1000L), "M", BigDecimal.valueOf(1000L * 1000), "G", BigDecimal.valueOf(1000L * 1000 * 1000),
            "Ki", BigDecimal.valueOf(1024L), "Mi", BigDecimal.valueOf(1024L * 1024), "Gi", BigDecimal.valueOf(1024L * 1024 * 1024),
            "Ti", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024));

    private Quantities() {
    }

    static BigDecimal parse(Object quantity) {
        String q = String.valueOf(quantity).trim();
        for (String suffix : new String[] {"Ki", "Mi", "Gi", "Ti", "m", "k", "M", "G"}) {
            if (q.endsWith(suffix)) {
                return new BigDecimal(q.substring(0, q.length() - suffix.length())).multiply(SUFFIXES.get(suffix));
            }
        }
        return new BigDecimal(q);
    }
}
