package cn.grid.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** claims: FAULTS_CLAIMANTS party members claim one micro-wish at the same instant; exactly one wins. */
final class ClaimsScenario implements Scenario {

    private final FaultRun run;

    ClaimsScenario(FaultRun run) {
        this.run = run;
    }

    @Override
    public boolean run() throws Exception {
        Suite suite = run.suite();
        Fixture f = run.fixture();
        int claimants = run.settings().claimants();
        int wishes = run.settings().wishes();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < claimants; i++) {
            String subject = "faults-claimant-" + suite.run() + "-" + i;
            suite.registerPartyMember(subject, "认领人" + i, f.grid);
            tokens.add(suite.token(subject, "citizen", null));
        }
        // request-service must know every claimant's registration, else a claim is a 403 and the test proves nothing
        Pace.awaitTrue("request-service knows the " + claimants + " claimants", Duration.ofSeconds(60),
                () -> run.db().scalar("request_service",
                        "select count(*) from grid_assignment_view where subject like ?",
                        "faults-claimant-" + suite.run() + "-%") == claimants);
        System.out.printf("%-8s %8s %8s %8s %8s   %s%n", "wish", "claims", "200", "409", "other", "winner recorded");
        boolean met = true;
        ExecutorService pool = Executors.newFixedThreadPool(claimants);
        try {
            for (int w = 1; w <= wishes; w++) {
                String id = suite.post("/api/v1/requests", f.citizen, Map.of("category", "wheelchair", "title",
                        "为王奶奶圆一个轮椅心愿 " + w, "gridNodeId", f.grid),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString())).expect(201, "submit wish").field("id");
                suite.move(f.worker, id, "accept", null).expect(200, "accept wish");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (String t : tokens) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return suite.send("POST", "/api/v1/requests/" + id + "/claim", t, null, Map.of()).status();
                    }));
                }
                go.countDown();
                Map<Integer, Integer> byStatus = new TreeMap<>();
                for (Future<Integer> a : answers) {
                    byStatus.merge(a.get(60, TimeUnit.SECONDS), 1, Integer::sum);
                }
                int ok = byStatus.getOrDefault(200, 0);
                int conflict = byStatus.getOrDefault(409, 0);
                int other = claimants - ok - conflict;
                String assignee = suite.send("GET", "/api/v1/requests/" + id, suite.admin(), null, Map.of())
                        .field("assignee");
                boolean one = ok == 1 && other == 0 && assignee != null
                        && assignee.startsWith("faults-claimant-" + suite.run());
                met &= one;
                System.out.printf("%-8d %8d %8d %8d %8d   %s%s%n", w, claimants, ok, conflict, other, assignee,
                        other == 0 ? "" : "  statuses " + byStatus);
            }
        } finally {
            pool.shutdownNow();
        }
        return Report.goal("exactly one 200 per wish, the rest 409", met);
    }
}
