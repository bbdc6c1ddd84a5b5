package cn.grid.bench.faults;

import java.time.Duration;

/** instance-kill: kill -9 one of two request-service instances under load; every ticket answered 201 exists. */
final class InstanceKillScenario implements Scenario {

    private final FaultRun run;

    InstanceKillScenario(FaultRun run) {
        this.run = run;
    }

    @Override
    public boolean run() throws Exception {
        SubmitLoad load = run.load("instance-kill").start();
        Pace.pause(Duration.ofSeconds(5));
        run.control().fault("kill-request-service-2");
        load.fault();
        Pace.pause(Duration.ofSeconds(15));
        load.stop();
        load.print();
        long missing = load.missingInDatabase(run.db());
        long duplicates = run.db().scalar("request_service", """
                select count(*) - count(distinct title) from service_request where reporter_id = ? and title like 'instance-kill %'""",
                "faults-citizen-" + run.suite().run());
        System.out.printf("%-44s %8d%n", "answered 201 but not in the database", missing);
        System.out.printf("%-44s %8d%n", "submissions that made two tickets", duplicates);
        run.control().fault("restart-missing");
        return Report.goal("every ticket answered 201 is still there, none twice",
                missing == 0 && duplicates == 0 && load.gaveUp.get() == 0);
    }
}
