package cn.grid.bench;

import cn.grid.bench.faults.FaultsCommand;
import cn.grid.bench.grid.GridCommand;
import cn.grid.bench.notify.NotifyCommand;
import cn.grid.bench.races.RacesCommand;
import cn.grid.bench.request.RequestCommand;
import cn.grid.bench.study.StudyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmarks' programs, one subcommand each, started by the bench/&lt;name&gt;/run scripts against a suite they
 * prepared (which set the options, or the environment variables the options default to).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {GridCommand.class, RequestCommand.class, StudyCommand.class, FaultsCommand.class,
                RacesCommand.class, NotifyCommand.class},
        description = "grid, request, study and notify print latencies and ratios against a baseline measured in the"
                + " same run; faults and races print their tables and whether each goal was met.")
public final class Bench {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Bench());
    }
}
