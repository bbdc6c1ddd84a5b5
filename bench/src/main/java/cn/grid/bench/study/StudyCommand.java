package cn.grid.bench.study;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** bench/study/run: compliance, the organisation export and attendance batches at 10,000 members. */
@Command(name = "study", description = "study-service at 10,000 members x 12 months: one table of p50/p99/req/s and"
        + " ratios to the primary-key GET of a session.")
public final class StudyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY_URL")
    String studyUrl;

    @Parameters(index = "1", paramLabel = "TOKEN")
    String token;

    @Parameters(index = "2", paramLabel = "JDBC_URL", description = "study-service's database, with user")
    String jdbcUrl;

    @Parameters(index = "3", arity = "0..1", paramLabel = "REQUESTS", defaultValue = "400",
            description = "requests per scenario, default ${DEFAULT-VALUE}")
    int requests;

    @Parameters(index = "4", arity = "0..1", paramLabel = "CONCURRENCY", defaultValue = "8")
    int concurrency;

    @Option(names = "--scenarios", defaultValue = "${env:BENCH_SCENARIOS:-}", paramLabel = "0,1,...",
            description = "which scenarios by index (0 baseline, 1-3 compliance, 4-7 export, 8-9 attendance);"
                    + " default all ($BENCH_SCENARIOS)")
    String scenarios;

    @Option(names = "--timeout", defaultValue = "${env:BENCH_TIMEOUT_S:-60}", description = "seconds per request")
    int timeout;

    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;

    @Override
    public Integer call() throws Exception {
        BenchStudy.bench(studyUrl, token, jdbcUrl, requests, concurrency, indexes(scenarios), timeout);
        return 0;
    }

    /** "1, 4,5" as [1, 4, 5]; blank as none (all scenarios). */
    static List<Integer> indexes(String list) {
        List<Integer> out = new ArrayList<>();
        if (list != null) {
            for (String s : list.split(",")) {
                if (!s.isBlank()) {
                    int i = Integer.parseInt(s.trim());
                    if (i < 0 || i > 9) {
                        throw new IllegalArgumentException("--scenarios: no scenario " + i + " (0-9)");
                    }
                    out.add(i);
                }
            }
        }
        return out;
    }
}
