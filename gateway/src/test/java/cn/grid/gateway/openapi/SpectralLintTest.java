package cn.grid.gateway.openapi;

import cn.grid.testsupport.CheckedInSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in specs (the gateway's merged one and each service's) lint with Spectral's {@code spectral:oas}
 * ruleset (docs/openapi/.spectral.yaml) without a single error. Spectral is pinned in docs/openapi/package.json
 * and package-lock.json and installed with {@code npm ci} when it is not there yet, so every machine runs the
 * same version; it needs Node.js and npm on the PATH.
 *
 * <p>Warnings are counted and may not grow past {@link #WARNING_BUDGET} (none today): a new operation comes with its
 * description.
 */
class SpectralLintTest {

    /** spectral:oas warnings allowed: none since every operation has a description and every spec servers and contact. */
    static final int WARNING_BUDGET = 0;

    private static final List<String> SPECS = List.of("gateway.json", "grid-service.json", "study-service.json",
            "request-service.json", "notification-service.json");

    @Test
    void theSpecsLintWithoutErrors() throws Exception {
        Path dir = CheckedInSpec.file("gateway").getParent();
        if (!Files.isExecutable(dir.resolve("node_modules/.bin/spectral"))) {
            run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
        }
        List<String> command = new ArrayList<>(List.of("node_modules/.bin/spectral", "lint", "-r", ".spectral.yaml",
                "-f", "json", "--quiet", "--fail-severity", "error"));
        command.addAll(SPECS);
        String out = run(dir, command, 300);
        JsonNode results = new ObjectMapper().readTree(out.substring(Math.max(0, out.indexOf('['))));
        Map<String, Integer> counts = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (JsonNode result : results) {
            String file = Path.of(result.path("source").asText()).getFileName().toString();
            String severity = switch (result.path("severity").asInt()) {
                case 0 -> "error";
                case 1 -> "warning";
                case 2 -> "info";
                default -> "hint";
            };
            counts.merge(file + " " + severity, 1, Integer::sum);
            if (severity.equals("error")) {
                errors.add(file + " " + result.path("path") + ": " + result.path("code").asText() + " "
                        + result.path("message").asText());
            }
        }
        System.out.println("spectral:oas " + counts);
        assertThat(errors).as("Spectral errors").isEmpty();
        long warnings = counts.entrySet().stream().filter(e -> e.getKey().endsWith(" warning"))
                .mapToInt(Map.Entry::getValue).sum();
        assertThat(warnings).as("Spectral warnings (budget " + WARNING_BUDGET + "): " + counts)
                .isLessThanOrEqualTo(WARNING_BUDGET);
    }

    /** Runs a command in {@code dir}; its output, or a failure with that output when it fails or hangs. */
    private static String run(Path dir, List<String> command, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("spectral", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + seconds + " s");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            // spectral exits 1 when there are errors: the parsed results say which, so only other codes fail here
            if (process.exitValue() != 0 && !(command.get(0).endsWith("spectral") && process.exitValue() == 1)) {
                throw new AssertionError(command + " failed (" + process.exitValue() + "):\n" + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
