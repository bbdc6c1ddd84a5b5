package cn.grid.bench.faults;

import java.io.IOException;
import java.util.Map;

/** memory: the RSS of every process after the start (and again at the end of the run). */
final class MemoryScenario implements Scenario {

    private final FaultRun run;

    MemoryScenario(FaultRun run) {
        this.run = run;
    }

    @Override
    public boolean run() throws IOException {
        run.rssAtStart().putAll(run.control().rssByProcess());
        print(run);
        return true;
    }

    static void print(FaultRun run) throws IOException {
        Map<String, Long> now = run.control().rssByProcess();
        System.out.printf("%-20s %14s %14s%n", "process", "RSS at start", "RSS now");
        for (var e : now.entrySet()) {
            Long start = run.rssAtStart().get(e.getKey());
            System.out.printf("%-20s %11s MiB %11d MiB%n", e.getKey(), start == null ? "-" : start / 1024,
                    e.getValue() / 1024);
        }
    }
}
