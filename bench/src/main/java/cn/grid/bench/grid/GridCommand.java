package cn.grid.bench.grid;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** bench/grid/run: grid-service's tree and geometry reads at 100k nodes against a primary-key GET. */
@Command(name = "grid", description = "grid-service read latency at 101k nodes and 11k boundaries, one table of"
        + " p50/p99 and ratios to the primary-key GET.")
public final class GridCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "GRID_URL", description = "grid-service, e.g. http://127.0.0.1:8081")
    String gridUrl;

    @Parameters(index = "1", paramLabel = "TOKEN", description = "a district-admin token")
    String token;

    @Parameters(index = "2", arity = "0..1", paramLabel = "REQUESTS", defaultValue = "4000",
            description = "requests per scenario, default ${DEFAULT-VALUE}")
    int requests;

    @Parameters(index = "3", arity = "0..1", paramLabel = "CONCURRENCY", defaultValue = "8",
            description = "requests at a time, default ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;

    @Override
    public Integer call() throws Exception {
        GridBench.bench(gridUrl, token, requests, concurrency);
        return 0;
    }
}
