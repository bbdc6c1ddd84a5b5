package cn.grid.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** event-latency: a ticket's rating -> the PRACTICE points visible in study-service, p50/p99 (goal p99 < 150 ms). */
final class EventLatencyScenario implements Scenario {

    private final FaultRun run;

    EventLatencyScenario(FaultRun run) {
        this.run = run;
    }

    @Override
    public boolean run() throws Exception {
        Fixture f = run.fixture();
        int samples = run.settings().eventSamples();
        // a first ticket, not measured: study-service must have learnt the member from grid.events
        int target = f.points() + 5;
        f.rateOneTicket();
        Pace.awaitTrue("the first practice points", Duration.ofSeconds(60), () -> f.points() >= target);
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            int before = f.points();
            long rated = f.rateOneTicket();
            while (f.points() < before + 5) {
                if (System.nanoTime() - rated > Duration.ofSeconds(30).toNanos()) {
                    throw new IllegalStateException("points of a rated ticket not visible after 30 s");
                }
            }
            micros.add((System.nanoTime() - rated) / 1_000);
        }
        micros.sort(null);
        double p50 = Report.percentile(micros, 50) / 1000.0;
        double p99 = Report.percentile(micros, 99) / 1000.0;
        System.out.printf("%-44s %8s %8s %8s %8s%n", "path", "samples", "p50 ms", "p99 ms", "max ms");
        System.out.printf("%-44s %8d %8.1f %8.1f %8.1f%n", "rate (200) -> GET points shows +5 (gateway)", samples,
                p50, p99, micros.get(micros.size() - 1) / 1000.0);
        boolean met = p99 < 150;
        System.out.printf("goal: p99 < 150 ms -> %s (the poll itself is a GET through the gateway, back to back)%n",
                met ? "met" : "NOT met");
        return met;
    }
}
