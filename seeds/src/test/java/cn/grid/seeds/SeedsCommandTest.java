package cn.grid.seeds;

import cn.grid.seeds.load.SeedRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SeedsCommandTest {

    static final Path DATASET = Path.of(System.getProperty("seeds.dataset", "dataset"));

    static SeedRun.Options parse(String... args) {
        CommandLine cl = SeedsCommand.commandLine();
        cl.parseArgs(args);
        return ((SeedsCommand) cl.getCommand()).options();
    }

    @Test
    void optionsAreTakenAsGiven() {
        SeedRun.Options o = parse("--gateway", "http://10.0.0.5:18080/", "--only", "XS,CSX", "--concurrency", "3",
                "--state", "/tmp/s.json", "--dataset", DATASET.toString());

        assertThat(o.gateway()).isEqualTo("http://10.0.0.5:18080/");
        assertThat(o.only()).containsExactlyInAnyOrder("XS", "CSX");
        assertThat(o.concurrency()).isEqualTo(3);
        assertThat(o.stateFile()).isEqualTo(Path.of("/tmp/s.json"));
        assertThat(o.dataset()).isEqualTo(DATASET);
    }

    @Test
    void theStateFileIsNamedAfterTheGatewaysHostAndPortBesideTheDataset() {
        SeedRun.Options o = parse("--gateway", "http://127.0.0.1:18080", "--dataset", DATASET.toString());

        assertThat(o.only()).isEmpty();
        assertThat(o.concurrency()).isEqualTo(8);
        assertThat(o.stateFile()).isEqualTo(
                DATASET.toAbsolutePath().getParent().resolve(".state").resolve("127.0.0.1-18080.json"));
    }

    @Test
    void aConcurrencyBelowOneIsAUsageError() {
        Run r = run("--concurrency", "0", "--dataset", DATASET.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--concurrency must be at least 1");
    }

    @Test
    void onlyRefusesADistrictTheDatasetDoesNotHave() {
        Run r = run("--only", "XS,ZZ", "--dataset", DATASET.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--only names no district of the dataset: [ZZ]").contains("XS 340603");
    }

    @Test
    void anUnknownOptionIsAUsageErrorAndHelpIsNot() {
        Run bad = run("--gatway", "http://x");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--gatway").contains("Possible solutions: --gateway");

        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--only=CODES").contains("相山区").contains("--concurrency=N");
    }

    @Test
    void aNonNumericConcurrencyIsAUsageError() {
        Run r = run("--concurrency", "many");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--concurrency").contains("many");
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SeedsCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void onlyIsASet() {
        assertThat(parse("--only", "XS", "--only", "XS,CSX").only()).isEqualTo(Set.of("XS", "CSX"));
    }
}
