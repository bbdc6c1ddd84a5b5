package cn.grid.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The suite's processes: faults done by {@code bench/faults/run --fault <name>} (kill the broker, start it again,
 * kill an instance, restart PostgreSQL, start what is missing), and what the launcher's pid files say.
 */
final class FaultControl {

    private final Path control;
    private final Path stateDir;

    FaultControl(Path control, Path stateDir) {
        this.control = control;
        this.stateDir = stateDir;
    }

    void fault(String name) throws IOException, InterruptedException {
        System.out.println("fault: " + name);
        Process p = new ProcessBuilder(control.toString(), "--fault", name).inheritIO().start();
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("bench/faults/run --fault " + name + " failed");
        }
    }

    boolean hasPidFile(String process) {
        return Files.exists(stateDir.resolve("pids/" + process + ".pid"));
    }

    /** The pid of every service process (not Kafka's), by pid file. */
    Map<String, String> pids() throws IOException {
        Map<String, String> pids = new TreeMap<>();
        try (var files = Files.list(stateDir.resolve("pids"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid") && !p.toString().contains("kafka")).toList()) {
                pids.put(f.getFileName().toString(), Files.readString(f).trim());
            }
        }
        return pids;
    }

    /** kB of resident memory of every process the launcher keeps a pid file for. */
    Map<String, Long> rssByProcess() throws IOException {
        Map<String, Long> rss = new TreeMap<>();
        try (var files = Files.list(stateDir.resolve("pids"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
                String pid = Files.readString(file).trim();
                Path status = Path.of("/proc", pid, "status");
                if (Files.exists(status)) {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            rss.put(file.getFileName().toString().replace(".pid", ""),
                                    Long.parseLong(line.replaceAll("\\D", "")));
                        }
                    }
                }
            }
        }
        return rss;
    }
}
