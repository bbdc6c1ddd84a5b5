package cn.grid.bench.faults;

import java.time.Duration;
import java.util.Map;

/** pg-restart: PostgreSQL restarted under load; the services recover without a restart of their own. */
final class PgRestartScenario implements Scenario {

    private final FaultRun run;

    PgRestartScenario(FaultRun run) {
        this.run = run;
    }

    @Override
    public boolean run() throws Exception {
        Map<String, String> pidsBefore = run.control().pids();
        SubmitLoad load = run.load("pg-restart").start();
        Pace.pause(Duration.ofSeconds(5));
        load.fault();
        long restartAt = System.nanoTime();
        run.control().fault("pg-restart");
        long upAgain = System.nanoTime();
        Pace.pause(Duration.ofSeconds(10));
        load.stop();
        load.print();
        long missing = load.missingInDatabase(run.db());
        Map<String, String> pidsAfter = run.control().pids();
        boolean samePids = pidsBefore.equals(pidsAfter);
        boolean ready = Suite.statusOf(run.settings().gatewayManagement() + "/q/health/ready") == 200;
        long firstOk = load.firstSuccessAfterFault.get();
        System.out.printf("%-52s %s%n", "PostgreSQL restart (pg_ctl restart -m fast) took",
                "%.1f s".formatted((upAgain - restartAt) / 1e9));
        System.out.printf("%-52s %s%n", "first 201 after PostgreSQL was back",
                firstOk == 0 ? "none" : "%.1f s".formatted(Math.max(0, firstOk - upAgain) / 1e9));
        System.out.printf("%-52s %s%n", "service processes unchanged (no restart)", samePids ? "yes" : "NO " + pidsAfter);
        System.out.printf("%-52s %s%n", "gateway ready afterwards", ready ? "yes" : "NO");
        System.out.printf("%-52s %d%n", "answered 201 but not in the database", missing);
        // while the database is away the answer is a 503 to retry, never a 500 (a 500 says the service is broken)
        boolean no500 = !load.failures.containsKey("HTTP 500");
        System.out.printf("%-52s %s%n", "answers 500 while PostgreSQL was away",
                no500 ? "none" : load.failures.get("HTTP 500"));
        return Report.goal("the services recover by themselves, nothing answered is lost",
                samePids && ready && missing == 0 && load.gaveUp.get() == 0 && firstOk != 0 && no500);
    }
}
