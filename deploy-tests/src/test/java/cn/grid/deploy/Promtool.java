package cn.grid.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prometheus' {@code promtool} (Debian package {@code prometheus}; {@code .ci/run} installs it when missing). A
 * machine without it fails the checks that need it, loudly and with the way out, unless {@code GRID_SKIP_PROMTOOL=1}
 * says to skip them: rules nobody has seen fire are not to pass unnoticed.
 */
final class Promtool {

    static final String PROMTOOL = System.getProperty("grid.promtool", "promtool");

    private Promtool() {
    }

    static void require() {
        if (Kustomize.available(PROMTOOL, "--version")) {
            return;
        }
        if ("1".equals(System.getenv("GRID_SKIP_PROMTOOL"))) {
            assumeTrue(false, "promtool not found and GRID_SKIP_PROMTOOL=1: the promtool checks are skipped");
        }
        fail("promtool (Prometheus' rule checker) is not on the PATH. Install it: `sudo apt-get install -y "
                + "prometheus` (Debian/Ubuntu; .ci/run does this), or download Prometheus and pass "
                + "-Dgrid.promtool=/path/to/promtool. To skip these checks on purpose: GRID_SKIP_PROMTOOL=1.");
    }

    /** Runs {@code promtool args...} in {@code dir}; its output, or an AssertionError with it on a non-zero exit. */
    static String run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(PROMTOOL));
        command.addAll(List.of(args));
        try {
            return Kustomize.exec(dir, command);
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
