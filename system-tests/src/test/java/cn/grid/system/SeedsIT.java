package cn.grid.system;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seeds module's loader (seeds/load) run against the packaged suite (fresh databases): the stats endpoints reproduce the seed
 * documents' figures, and a second run creates nothing.
 *
 * <p>By default it loads the districts {@code XS,CSX} — 庆相桥社区 (12 compounds, 174 party members, 6 volunteer
 * teams) and 春华镇 (35 micro-lectures, 办实事 1509 项 / 评价 925 项) — which exercise every section of the loader
 * (places, people, organisations and memberships, teams, study, tickets through their lifecycle) in a few minutes.
 * {@code -Dseeds.only=ZY,XLT,NS,CSX,TY,XS} checks the full dataset (沾益区's 3,278 workers, 南沙街道's 505
 * branches and 10,758 members, 东涌镇's 145 branches and 2,300 specialists ...), which takes much longer.
 */
class SeedsIT extends AgainstTheSuite {

    static final Path ROOT = Path.of(System.getProperty("grid.repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void theLoadedDatasetReproducesTheDocumentsFiguresAndASecondRunCreatesNothing() throws Exception {
        String only = System.getProperty("seeds.only", "XS,CSX");
        Set<String> districts = Set.of(only.split(","));
        Path dir = Files.createTempDirectory("seeds-it");
        Path state = dir.resolve("state.json");
        try {
            String first = load(only, state, dir.resolve("first.log"));
            assertThat(first).contains("seeds: done");
            figures(districts, state);

            String second = load(only, state, dir.resolve("second.log"));
            // the loader counts what it created; a second run finds everything and changes nothing
            assertThat(second).contains("created 0 ({})");
            figures(districts, state);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** How many of seeds/check's figures belong to each district (besides the catalogue's two). */
    static final Map<String, Integer> FIGURES = Map.of("XS", 6, "CSX", 3, "XLT", 1, "ZY", 3, "NS", 5);

    /**
     * Asserts the documents' figures of the loaded districts through the gateway's public API with seeds/check —
     * the one list of them, which people also run against the suite they have — and that none was skipped.
     */
    private static void figures(Set<String> districts, Path state) throws Exception {
        ProcessBuilder check = new ProcessBuilder(ROOT.resolve("seeds/check").toString()).redirectErrorStream(true);
        check.environment().put("GATEWAY_URL", suite.gateway());
        check.environment().put("SEEDS_STATE", state.toString());
        Process p = check.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("seeds/check finished").isTrue();
        System.out.print(output);
        assertThat(p.exitValue()).as("seeds/check exit status; output:%n%s", output).isZero();
        int expected = 2 + districts.stream().mapToInt(d -> FIGURES.getOrDefault(d, 0)).sum();
        assertThat(output.lines().filter(line -> line.endsWith("  ok"))).as(output).hasSize(expected);
        assertThat(output).contains("every figure matches");
    }

    /**
     * Runs seeds/load as deploy/local/run does (it starts seeds/target/seeds.jar, which the reactor built before
     * this module), and answers what it printed.
     */
    private static String load(String only, Path state, Path logFile) throws Exception {
        List<String> command = new ArrayList<>(Arrays.asList(ROOT.resolve("seeds/load").toString(),
                "--gateway", suite.gateway(), "--only", only, "--state", state.toString()));
        File log = logFile.toFile();
        ProcessBuilder load = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        // the Java this test runs on, for the loader too
        load.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = load.start();
        // generous: the full dataset through the API on a shared 2-core machine
        assertThat(p.waitFor(60, TimeUnit.MINUTES)).as("loader finished").isTrue();
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(p.exitValue()).as("loader exit status; output:%n%s", output).isZero();
        return output;
    }
}
