package cn.grid.bench.races;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** bench/faults/run races: the race suite against the fault suite's gateway. */
@Command(name = "races", sortOptions = false, description = {
        "The same request many times at once; no 5xx and exactly one winner per round. Races: "
                + "same-version, same-ticket-move, same-login, same-identity, same-assignment, same-org-member, "
                + "same-team-member (default all). Exit status 0 when every goal was met, 1 otherwise."})
public final class RacesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RACE", arity = "0..*", description = "races to run (a first word 'races' is skipped)")
    List<String> races = new ArrayList<>();

    @Option(names = "--gateway", defaultValue = "${env:FAULTS_GATEWAY_URL:-http://127.0.0.1:18080}")
    String gateway;

    @Option(names = "--parallel", defaultValue = "${env:RACES_PARALLEL:-30}", description = "requests per race")
    int parallel;

    @Option(names = "--rounds", defaultValue = "${env:RACES_ROUNDS:-3}", description = "fresh targets per race")
    int rounds;

    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;

    /** The races named (bench/faults/run passes its own first word, "races", along), or all of them. */
    List<String> chosen() {
        List<String> named = races.stream().filter(r -> !r.equals("races")).toList();
        for (String r : named) {
            if (!RaceBench.RACES.contains(r)) {
                throw new ParameterException(spec.commandLine(), "unknown race " + r + " (known: " + RaceBench.RACES
                        + ")");
            }
        }
        if (parallel < 2 || rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel must be at least 2 and --rounds at least 1");
        }
        return named.isEmpty() ? RaceBench.RACES : named;
    }

    @Override
    public Integer call() throws Exception {
        List<String> chosen = chosen();
        return new RaceBench(gateway, parallel, rounds).runAll(chosen) ? 0 : 1;
    }
}
