package cn.grid.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The benches' command lines: what each subcommand takes, and that a bad one is a usage error before any work. */
class BenchCommandLineTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Bench.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void anUnknownScenarioOrRaceIsAUsageErrorBeforeAnythingStarts() {
        Run faults = run("faults", "--gateway", "http://127.0.0.1:1", "kafka-outgae");
        assertThat(faults.exit()).isEqualTo(2);
        assertThat(faults.err()).contains("unknown scenario kafka-outgae");

        Run races = run("races", "--gateway", "http://127.0.0.1:1", "races", "same-versoin");
        assertThat(races.exit()).isEqualTo(2);
        assertThat(races.err()).contains("unknown race same-versoin");
    }

    @Test
    void aNumberThatIsNoNumberIsAUsageError() {
        Run grid = run("grid", "http://127.0.0.1:1", "token", "many");

        assertThat(grid.exit()).isEqualTo(2);
        assertThat(grid.err()).contains("REQUESTS").contains("many");
    }

    @Test
    void requestsBacklogTakesAnIsoDuration() {
        Run bad = run("request", "backlog", "jdbc:postgresql://127.0.0.1:1/x", "10", "seven days");

        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("seven days");
    }

    @Test
    void notifyRefusesARateOfZeroBeforeItCallsTheSuite() {
        Run notify = run("notify", "--gateway", "http://127.0.0.1:1", "--rate", "0");

        assertThat(notify.exit()).isEqualTo(2);
        assertThat(notify.err()).contains("--rate must be positive");
    }

    @Test
    void aWebhookOutageOfZeroSecondsIsAUsageError() {
        Run faults = run("faults", "--gateway", "http://127.0.0.1:1", "--webhook-down-seconds", "0", "webhook-outage");

        assertThat(faults.exit()).isEqualTo(2);
        assertThat(faults.err()).contains("--webhook-down-seconds");
    }

    @Test
    void helpListsEveryBench() {
        Run help = run("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("grid").contains("request").contains("study").contains("faults")
                .contains("races").contains("notify");
    }
}
