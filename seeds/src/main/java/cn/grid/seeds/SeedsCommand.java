package cn.grid.seeds;

import cn.grid.seeds.dataset.Dataset;
import cn.grid.seeds.dataset.PlaceSpec;
import cn.grid.seeds.load.SeedRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** seeds/load: the command line of the loader. */
@Command(name = "seeds/load", sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Loads the seed documents' places, people, organisations, teams, study materials and sessions, and "
                        + "tickets (through their whole lifecycle) through the gateway of a running suite (dev "
                        + "profile: it asks POST /auth/dev-token for its tokens). Idempotent: a second run changes "
                        + "nothing."})
public final class SeedsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--gateway", paramLabel = "URL", defaultValue = "${env:GATEWAY_URL:-http://127.0.0.1:8080}",
            description = "the gateway, default $GATEWAY_URL or ${DEFAULT-VALUE}")
    String gateway;

    @Option(names = "--only", paramLabel = "CODES", split = ",",
            description = {"districts to load, comma-separated, by alias or division code: ZY (530303 沾益区), "
                    + "XLT (211103 兴隆台区), NS (440115 南沙区), CSX (430121 长沙县), TY (430725 桃源县), "
                    + "XS (340603 相山区); default all"})
    Set<String> only = new LinkedHashSet<>();

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "parallel requests, default ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--state", paramLabel = "FILE",
            description = "where the ids of what has no lookup in the API are kept (roots, people, organisations,"
                    + " memberships); default seeds/.state/<host>-<port>.json")
    Path state;

    @Option(names = "--dataset", paramLabel = "DIR", description = "default seeds/dataset/")
    Path dataset;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new SeedsCommand());
    }

    /**
     * The options as a run takes them: the dataset defaults to seeds/dataset ({@code seeds.home} is the directory
     * seeds/load passes), the state file to seeds/.state/ named after the gateway's host and port. Refuses a
     * concurrency below 1 and a district {@code --only} that the dataset does not have.
     */
    SeedRun.Options options() {
        if (concurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be at least 1, is " + concurrency);
        }
        Path data = dataset != null ? dataset : Path.of(System.getProperty("seeds.home", "seeds")).resolve("dataset");
        Path stateFile = state;
        if (stateFile == null) {
            URI u = URI.create(gateway);
            stateFile = data.toAbsolutePath().getParent().resolve(".state")
                    .resolve(u.getHost() + "-" + u.getPort() + ".json");
        }
        return new SeedRun.Options(gateway, data, Set.copyOf(only), concurrency, stateFile);
    }

    @Override
    public Integer call() {
        SeedRun.Options options = options();
        try {
            if (!options.only().isEmpty()) {
                refuseUnknownDistricts(options);
            }
            new SeedRun(options).run();
            return 0;
        } catch (ParameterException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("seeds: FAILED: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    private void refuseUnknownDistricts(SeedRun.Options options) {
        List<PlaceSpec> districts = Dataset.read(options.dataset()).places().districts();
        Set<String> unknown = new TreeSet<>(options.only());
        districts.forEach(d -> {
            unknown.remove(d.code());
            unknown.remove(d.alias());
        });
        if (!unknown.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--only names no district of the dataset: " + unknown
                    + " (known: " + districts.stream().map(d -> d.alias() + " " + d.code()).toList() + ")");
        }
    }
}
