package cn.grid.bench.faults;

import cn.grid.bench.notify.Ledger;
import cn.grid.bench.notify.NotifyRig;
import cn.grid.bench.notify.OpenLoop;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * notification-kill (issue 20): tickets are dispatched to a person at a steady rate; notification-service is killed
 * with kill -9 and started again (deploy/local/run) while the dispatches go on. Afterwards every dispatch must be in
 * the person's inbox exactly once, on their stream (which reconnects with Last-Event-ID), and delivered by webhook
 * (a repeat only with the same webhook-id).
 */
final class NotificationKillScenario implements Scenario {

    private final FaultRun run;

    NotificationKillScenario(FaultRun run) {
        this.run = run;
    }

    static String after(long lastArrival, long backAt) {
        return lastArrival < backAt ? "at once" : String.format(Locale.ROOT, "%.1f s", (lastArrival - backAt) / 1e9);
    }

    @Override
    public boolean run() throws Exception {
        FaultSettings s = run.settings();
        try (NotifyRig rig = NotifyRig.setUp(run.suite(), run.fixture(), "kill", 0,
                List.of("cn.grid.request.dispatched.v1"))) {
            rig.warmUp(Duration.ofSeconds(120));
            rig.startCounting();
            OpenLoop load = new OpenLoop(s.notifyRate(), Integer.MAX_VALUE, 16, i -> rig.dispatch(rig.prepare()))
                    .start();
            Pace.pause(Duration.ofSeconds(10));
            int before = rig.streamLedger().expectedCount();
            run.control().fault("kill-notification-service");
            long killedAt = System.nanoTime();
            Pace.pause(Duration.ofSeconds(5));
            run.control().fault("restart-missing");
            long backAt = System.nanoTime();
            int duringOutage = rig.streamLedger().expectedCount() - before;
            System.out.printf("notification-service started again %.1f s after the kill%n", (backAt - killedAt) / 1e9);
            Pace.pause(Duration.ofSeconds(10));
            load.stop();
            load.awaitDone(120);
            boolean all = rig.awaitArrivals(Duration.ofSeconds(300), Duration.ofSeconds(120));
            Ledger.Result stream = rig.streamLedger().result();
            Ledger.Result w = rig.webhookLedger().result();
            NotifyRig.InboxCheck inbox = rig.inbox();
            System.out.printf(Locale.ROOT, "%-52s %10s %10s %10s %10s%n", "channel", "expected", "arrived", "missing",
                    "twice");
            System.out.printf(Locale.ROOT, "%-52s %10d %10d %10d %10d%n", "inbox (read through afterwards)",
                    inbox.dispatched(), inbox.present(), inbox.missing().size(), inbox.twice());
            System.out.printf(Locale.ROOT, "%-52s %10d %10d %10d %10d%n", "stream (reconnecting with Last-Event-ID)",
                    stream.expected(), stream.arrived(), stream.missing().size(),
                    stream.duplicatesSameId() + stream.duplicatesOtherId());
            System.out.printf(Locale.ROOT, "%-52s %10d %10d %10d %10d%n", "webhook", w.expected(), w.arrived(),
                    w.missing().size(), w.duplicatesSameId() + w.duplicatesOtherId());
            System.out.printf("dispatches answered 200 while notification-service was down or starting: %d%n",
                    duringOutage);
            System.out.printf(Locale.ROOT, "caught up after it was back: stream %s, webhooks %s%n",
                    after(rig.streamLedger().lastFirstArrival(), backAt),
                    after(rig.webhookLedger().lastFirstArrival(), backAt));
            rig.printChannels(stream, w);
            if (!inbox.missing().isEmpty()) {
                System.out.println("first missing in the inbox: "
                        + inbox.missing().subList(0, Math.min(5, inbox.missing().size())));
            }
            return Report.goal("no notification lost (every dispatch in the inbox once and on the stream), no webhook "
                    + "delivery lost (repeats only with the same webhook-id)", all && inbox.complete()
                    && stream.missing().isEmpty() && w.complete() && rig.signaturesAllValid());
        }
    }
}
