package cn.grid.bench.faults;

import cn.grid.bench.notify.Ledger;
import cn.grid.bench.notify.NotifyRig;
import cn.grid.bench.notify.OpenLoop;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * webhook-outage (issue 20): the bench's webhook receiver is down for --webhook-down-seconds (default 300) while
 * tickets keep being submitted, accepted and dispatched in the subscribed grid; after it comes back every event
 * must arrive, in order per ticket, any duplicate with the webhook-id of the first, every signature valid. How long
 * the catch-up takes is the service's retry schedule (grid.notification.webhooks.retry-schedule), reported.
 */
final class WebhookOutageScenario implements Scenario {

    private final FaultRun run;

    WebhookOutageScenario(FaultRun run) {
        this.run = run;
    }

    @Override
    public boolean run() throws Exception {
        FaultSettings s = run.settings();
        try (NotifyRig rig = NotifyRig.setUp(run.suite(), run.fixture(), "outage", 0, List.of("cn.grid.request.*"))) {
            rig.warmUp(Duration.ofSeconds(120));
            rig.startCounting();
            OpenLoop load = new OpenLoop(s.notifyRate(), Integer.MAX_VALUE, 16,
                    i -> rig.dispatch(rig.prepareExpectingItsEvents())).start();
            Pace.pause(Duration.ofSeconds(10));
            rig.receiver().stop();
            long downAt = System.nanoTime();
            int expectedBefore = rig.webhookLedger().expectedCount();
            System.out.printf("receiver down (port %d closed) for %d s, the load goes on ...%n", rig.receiver().port(),
                    s.webhookDownSeconds());
            Pace.pause(Duration.ofSeconds(s.webhookDownSeconds()));
            rig.receiver().start();
            long backAt = System.nanoTime();
            int expectedDuringOutage = rig.webhookLedger().expectedCount() - expectedBefore;
            System.out.printf("receiver back after %.0f s; waiting for the catch-up (at most %d s) ...%n",
                    (backAt - downAt) / 1e9, s.webhookCatchupSeconds());
            Pace.pause(Duration.ofSeconds(10));
            load.stop();
            load.awaitDone(120);
            Duration catchupMax = Duration.ofSeconds(s.webhookCatchupSeconds());
            boolean all = rig.awaitArrivals(catchupMax, catchupMax);
            Ledger.Result w = rig.webhookLedger().result();
            Ledger.Result stream = rig.streamLedger().result();
            long last = rig.webhookLedger().lastFirstArrival();
            System.out.printf(Locale.ROOT, "%-58s %10s%n", "", "value");
            row("events expected by webhook (submitted, accepted, dispatched)", w.expected());
            row("  of them committed while the receiver was down", expectedDuringOutage);
            row("delivered", w.arrived());
            row("missing", w.missing().size());
            row("at-least-once duplicates, same webhook-id", w.duplicatesSameId());
            row("duplicates with another webhook-id (never allowed)", w.duplicatesOtherId());
            row("out of order per ticket (subjectsequence)", w.outOfKeyOrder());
            row("across tickets, against the commands' real-time order", w.outOfRealTimeOrder());
            System.out.printf(Locale.ROOT, "%-58s %10s%n", "caught up after the receiver was back",
                    last < backAt ? "at once" : String.format(Locale.ROOT, "%.1f s", (last - backAt) / 1e9));
            System.out.printf("retry schedule of the suite: %s%n", s.webhookRetrySchedule().isBlank()
                    ? "the service's default (grid.notification.webhooks.retry-schedule)" : s.webhookRetrySchedule());
            rig.printChannels(stream, w);
            System.out.printf("at-least-once duplicates: %d, %s%n", w.duplicatesSameId() + w.duplicatesOtherId(),
                    w.duplicatesOtherId() == 0 ? "all with a repeated webhook-id" : w.duplicatesOtherId()
                            + " of them with a new webhook-id");
            if (!w.missing().isEmpty()) {
                System.out.println("first missing: " + w.missing().subList(0, Math.min(5, w.missing().size())));
            }
            return Report.goal("after the outage every delivery arrived, in order per ticket, duplicates only with "
                    + "the same webhook-id, every signature valid", all && w.complete() && rig.signaturesAllValid());
        }
    }

    private static void row(String what, long value) {
        System.out.printf(Locale.ROOT, "%-58s %10d%n", what, value);
    }
}
