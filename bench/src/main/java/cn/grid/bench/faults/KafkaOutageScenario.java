package cn.grid.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * kafka-outage: submissions under load while the broker is killed, one round per outage length in
 * FAULTS_KAFKA_DOWN_SECONDS (default 30,120,300: half a minute, two and five minutes — a consumer used to die on
 * the first offset commit that outlived its 60 s API timeout, so the longer two are the ones that matter). Each
 * round must be met on its own: events produced vs. in the topic vs. consumed by grid-service, every consumer
 * group at the end of its topic, 0 lost, duplicates absorbed.
 */
final class KafkaOutageScenario implements Scenario {

    record Round(boolean met, String summary) {
    }

    private final FaultRun run;

    KafkaOutageScenario(FaultRun run) {
        this.run = run;
    }

    @Override
    public boolean run() throws Exception {
        List<Long> outages = run.settings().kafkaDownSeconds();
        boolean allMet = true;
        List<String> summary = new ArrayList<>();
        for (long outage : outages) {
            System.out.printf("%n-- broker down %d s --%n", outage);
            Round round = round(outage);
            summary.add(round.summary());
            allMet &= round.met();
        }
        if (outages.size() > 1) {
            System.out.printf("%n%-10s %9s %9s %6s %11s %s%n", "down", "answered", "consumed", "lost", "caught up",
                    "consumer groups at the end of their topic");
            summary.forEach(System.out::println);
        }
        return allMet;
    }

    Round round(long outage) throws Exception {
        SubmitLoad load = run.load("kafka-outage-" + outage + "s").start();
        Pace.pause(Duration.ofSeconds(5));
        run.control().fault("kafka-stop");
        load.fault();
        long down = System.nanoTime();
        Pace.pause(Duration.ofSeconds(outage / 2));
        // the instances must stay in rotation: writes go on through the outbox
        int readyDuringOutage = Suite.statusOf(run.settings().requestServiceManagement() + "/q/health/ready");
        Pace.pause(Duration.ofSeconds(outage - outage / 2));
        run.control().fault("kafka-start");
        long back = System.nanoTime();
        Pace.pause(Duration.ofSeconds(5));
        load.stop();
        load.print();
        // every submitted event reaches grid-service's read model of open work, the outbox drains, and every
        // consumer group of the suite reaches the end of its topic (consumed, or skipped as not its business)
        // waits as long as the backlog shrinks (a long outage under load leaves tens of thousands of events to catch
        // up on, at a pace this shared machine decides), and gives up after 60 s without progress or 15 min in all
        Set<String> ids = load.answered;
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        long stalledAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long consumed;
        long behind = Long.MAX_VALUE;
        Map<String, Long> lags = Map.of();
        while (((consumed = run.db().countIn("grid_service",
                "select count(*) from request_work_view where request_id = any(?)", ids)) < ids.size()
                || !(lags = run.topics().consumerLags()).values().stream().allMatch(lag -> lag == 0))
                && System.nanoTime() < deadline && System.nanoTime() < stalledAt) {
            long now = ids.size() - consumed + lags.values().stream().mapToLong(Long::longValue).sum();
            if (now < behind) {
                behind = now;
                stalledAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            }
            Pace.pause(Duration.ofMillis(500));
        }
        long drained = System.nanoTime();
        long unsent = run.db().scalar("request_service", "select count(*) from outbox_event where sent_at is null");
        SubmittedEvents.Count topic = run.topics().countSubmitted(ids);
        System.out.printf("%n%-36s %10s%n", "events (request.submitted)", "count");
        System.out.printf("%-36s %10d%n", "tickets answered 201 (= produced)", ids.size());
        System.out.printf("%-36s %10d%n", "in the topic, distinct events", topic.distinct());
        System.out.printf("%-36s %10d%n", "in the topic, duplicate records", topic.records() - topic.distinct());
        System.out.printf("%-36s %10d%n", "consumed by grid-service", consumed);
        System.out.printf("%-36s %10d%n", "lost (produced - consumed)", ids.size() - consumed);
        System.out.printf("%-36s %10d%n", "outbox rows still unsent", unsent);
        System.out.printf("%-36s %s%n", "consumer groups' lag (broker)", new TreeMap<>(lags));
        System.out.printf("broker down %d s; everything consumed %.1f s after the broker was started again%n",
                Duration.ofNanos(back - down).toSeconds(), (drained - back) / 1e9);
        System.out.printf("request-service /q/health/ready half-way through the outage: %d%n", readyDuringOutage);
        long missing = load.missingInDatabase(run.db());
        boolean groupsDone = !lags.isEmpty() && lags.values().stream().allMatch(lag -> lag == 0);
        boolean met = consumed == ids.size() && topic.distinct() == ids.size() && unsent == 0 && missing == 0
                && load.gaveUp.get() == 0 && readyDuringOutage == 200 && groupsDone;
        Report.goal("0 lost, every consumer group caught up, duplicates absorbed (grid-service counts each ticket"
                + " once)", met);
        return new Round(met, "%-10s %9d %9d %6d %9.1f s %s".formatted(outage + " s", ids.size(), consumed,
                ids.size() - consumed, (drained - back) / 1e9, groupsDone ? "all (" + lags.size() + ")" : lags));
    }
}
