package cn.grid.bench.notify;

import cn.grid.bench.faults.Fixture;
import cn.grid.bench.faults.Pace;
import cn.grid.bench.faults.Suite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Issue 20's benchmark: event committed -> the notification on the person's open stream and -> the webhook at the
 * bench's receiver, at a steady rate, next to the rated -> points latency of the same run (the baseline).
 */
@Command(name = "notify", sortOptions = false, usageHelpWidth = 120, description = {
        "Against a running suite (deploy/local/run), through the gateway: registers a person in a grid of its own,",
        "opens their live stream, subscribes a local receiver to the grid's dispatches, then dispatches prepared",
        "tickets to the person at --rate per second for --seconds (open loop) while a second thread rates resolved",
        "tickets and polls the points (the baseline). Prints p50/p99/max per path and the ratios to the baseline;",
        "exit status 0 when both channels brought every dispatch, every signature verified and p99 < --goal-ms."})
public final class NotifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--gateway", defaultValue = "${env:GATEWAY_URL:-http://127.0.0.1:8080}",
            description = "the suite's gateway ($GATEWAY_URL), default ${DEFAULT-VALUE}")
    String gateway;
    @Option(names = "--rate", defaultValue = "${env:NOTIFY_RATE:-5}",
            description = "dispatches per second ($NOTIFY_RATE), default ${DEFAULT-VALUE}")
    double rate;
    @Option(names = "--seconds", defaultValue = "${env:NOTIFY_SECONDS:-30}",
            description = "how long the load runs ($NOTIFY_SECONDS), default ${DEFAULT-VALUE}")
    int seconds;
    @Option(names = "--baseline-samples", defaultValue = "${env:NOTIFY_BASELINE_SAMPLES:-20}",
            description = "tickets rated during the load, rated -> points ($NOTIFY_BASELINE_SAMPLES), default ${DEFAULT-VALUE}")
    int baselineSamples;
    @Option(names = "--receiver-port", defaultValue = "${env:NOTIFY_RECEIVER_PORT:-0}",
            description = "the webhook receiver's loopback port, 0 any ($NOTIFY_RECEIVER_PORT), default ${DEFAULT-VALUE}")
    int receiverPort;
    @Option(names = "--event-types", split = ",", defaultValue = "${env:NOTIFY_EVENT_TYPES:-cn.grid.request.dispatched.v1}",
            description = "what the subscription asks for ($NOTIFY_EVENT_TYPES), default ${DEFAULT-VALUE}")
    List<String> eventTypes;
    @Option(names = "--drain-seconds", defaultValue = "${env:NOTIFY_DRAIN_SECONDS:-60}",
            description = "longest wait for the last arrivals after the load ($NOTIFY_DRAIN_SECONDS), default ${DEFAULT-VALUE}")
    int drainSeconds;
    @Option(names = "--goal-ms", defaultValue = "${env:NOTIFY_GOAL_MS:-200}",
            description = "the issue's goal for both channels' p99 ($NOTIFY_GOAL_MS), default ${DEFAULT-VALUE}")
    double goalMs;
    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;

    void check() {
        if (rate <= 0 || seconds < 1 || baselineSamples < 1 || drainSeconds < 1 || receiverPort < 0
                || receiverPort > 65535 || eventTypes.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--rate must be positive, --seconds, --baseline-samples "
                    + "and --drain-seconds at least 1, --receiver-port 0-65535, --event-types not empty");
        }
    }

    @Override
    public Integer call() throws Exception {
        check();
        int events = (int) Math.round(rate * seconds);
        String runId = "n" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        Suite suite = new Suite(gateway, runId);
        Fixture fixture = Fixture.setUp(suite);
        try (NotifyRig rig = NotifyRig.setUp(suite, fixture, "bench", receiverPort, eventTypes)) {
            rig.warmUp(Duration.ofSeconds(120));
            System.out.printf("preparing %d accepted tickets and %d resolved ones ...%n", events, baselineSamples + 1);
            List<Fixture.Accepted> tickets = prepare(events, rig);
            List<String> resolved = new ArrayList<>();
            for (int i = 0; i <= baselineSamples; i++) {
                resolved.add(fixture.resolveOneTicket());
            }
            // study-service must have learnt the member from grid.events: a first rating, not measured
            int target = fixture.points() + 5;
            fixture.rate(resolved.remove(0));
            Pace.awaitTrue("the first practice points", Duration.ofSeconds(60), () -> fixture.points() >= target);

            System.out.printf("load: %d dispatches at %.1f/s for %d s, %d ratings beside it ...%n", events, rate,
                    seconds, baselineSamples);
            rig.startCounting();
            OpenLoop load = new OpenLoop(rate, events, 32, i -> rig.dispatch(tickets.get(i))).start();
            ExecutorService baselineThread = Executors.newSingleThreadExecutor();
            Future<List<Long>> baseline = baselineThread.submit(() -> ratedToPoints(fixture, resolved));
            load.awaitDone(seconds + 120L);
            List<Long> ratedNanos = baseline.get(seconds + 300L, TimeUnit.SECONDS);
            baselineThread.shutdown();
            boolean allArrived = rig.awaitArrivals(Duration.ofSeconds(drainSeconds), Duration.ofSeconds(drainSeconds));

            Ledger.Result stream = rig.streamLedger().result();
            Ledger.Result webhooks = rig.webhookLedger().result();
            Latencies base = Latencies.of("baseline: rate (200) -> points +5 in study-service", ratedNanos,
                    baselineSamples - ratedNanos.size());
            Latencies onStream = Latencies.of("dispatch (200) -> notification on the stream", stream.latencyNanos(),
                    stream.missing().size());
            Latencies byWebhook = Latencies.of("dispatch (200) -> webhook received, verified", webhooks.latencyNanos(),
                    webhooks.missing().size());
            Latencies command = Latencies.of("the dispatch command itself (sent -> 200)", rig.commandNanos(),
                    events - rig.commandNanos().size());
            Latencies.print(String.format(Locale.ROOT, "notify: %d dispatches at %.1f/s (open loop, client lag max "
                            + "%.0f ms), %d ratings in the same run", events, rate, load.maxLagMillis(), ratedNanos.size()),
                    List.of(base, onStream, byWebhook, command), 52);
            rig.printChannels(stream, webhooks);
            NotifyRig.InboxCheck inbox = rig.inbox();
            System.out.printf("inbox afterwards: %d of %d dispatched tickets, %d twice, unreadCount %d%n",
                    inbox.present(), inbox.dispatched(), inbox.twice(), inbox.unreadCount());
            if (load.firstFailure() != null) {
                System.out.println("first failure of the load: " + load.firstFailure());
            }
            boolean fast = onStream.percentile(99) < goalMs && byWebhook.percentile(99) < goalMs;
            boolean whole = allArrived && stream.complete() && webhooks.complete() && inbox.complete()
                    && rig.signaturesAllValid() && !rig.receiver().verdicts().isEmpty();
            System.out.printf(Locale.ROOT, "goal: p99 < %.0f ms on the stream (%.1f) and by webhook (%.1f) -> %s; "
                    + "every dispatch on both channels and in the inbox once, every signature valid -> %s%n", goalMs,
                    onStream.percentile(99), byWebhook.percentile(99), fast ? "met" : "NOT met", whole ? "yes" : "NO");
            return fast && whole ? 0 : 1;
        }
    }

    /** The accepted tickets the load dispatches, made beforehand by 4 clients (not part of the measured window). */
    static List<Fixture.Accepted> prepare(int count, NotifyRig rig) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Fixture.Accepted>> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(pool.submit(rig::prepare));
        }
        List<Fixture.Accepted> tickets = new ArrayList<>();
        for (Future<Fixture.Accepted> f : made) {
            tickets.add(f.get());
        }
        pool.shutdown();
        return tickets;
    }

    /**
     * The baseline, one rating after another spread over the load: rate a resolved ticket, then GET the member's
     * points back to back until the +5 shows (as the event-latency fault scenario measures it).
     */
    private List<Long> ratedToPoints(Fixture fixture, List<String> resolved) throws Exception {
        List<Long> nanos = new ArrayList<>();
        long start = System.nanoTime();
        long spacing = Duration.ofSeconds(seconds).toNanos() / resolved.size();
        for (int i = 0; i < resolved.size(); i++) {
            long due = start + i * spacing;
            while (System.nanoTime() < due) {
                Pace.pause(Duration.ofMillis(Math.max(1, (due - System.nanoTime()) / 1_000_000)));
            }
            int before = fixture.points();
            long rated = fixture.rate(resolved.get(i));
            boolean seen = false;
            while (System.nanoTime() - rated < Duration.ofSeconds(30).toNanos()) {
                if (fixture.points() >= before + 5) {
                    seen = true;
                    break;
                }
            }
            if (seen) {
                nanos.add(System.nanoTime() - rated);
            }
        }
        return nanos;
    }
}
