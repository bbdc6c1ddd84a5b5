package cn.grid.bench.faults;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The fault harness of issue 7, run by bench/faults/run against a suite that run started on its own ports, with
 * its own PostgreSQL cluster and Kafka broker (so the faults hurt nothing else). The faults themselves are done by
 * {@code bench/faults/run --fault <name>}. Every option defaults to the FAULTS_* variable bench/faults/run sets.
 */
@Command(name = "faults", sortOptions = false, usageHelpWidth = 120, description = {
        "The fault scenarios against the fault suite bench/faults/run started, each printing a table:",
        "  memory         RSS of every process after start (again after the load, at the end)",
        "  claims         parallel claims of one micro-wish, several wishes: exactly one winner each",
        "  event-latency  a ticket's rating -> the PRACTICE points in study-service, p50/p99 (goal p99 < 150 ms)",
        "  kafka-outage   submissions under load while the broker is down (one round per --kafka-down-seconds)",
        "  instance-kill  kill -9 one of two request-service instances under load: every ticket answered 201 exists",
        "  pg-restart     PostgreSQL restarted under load: the services recover without a restart of their own",
        "  order-at-scale three instances of grid-service and request-service, one of each killed -9: every key's"
                + " events in order, every read model equal to its owner (issue 17)",
        "  webhook-outage the webhook receiver down --webhook-down-seconds while events go on: all delivered after,"
                + " in order per ticket, duplicates only with the same webhook-id (issue 20)",
        "  notification-kill kill -9 notification-service under load: every notification in the inbox once, no"
                + " webhook delivery lost (issue 20)",
        "Exit status 0 when every goal was met, 1 otherwise."})
public final class FaultsCommand implements Callable<Integer> {

    /** Every scenario by name, in the order a run without names takes them (order-at-scale only by name). */
    static final List<String> DEFAULT_SCENARIOS = List.of("memory", "claims", "event-latency", "kafka-outage",
            "instance-kill", "pg-restart", "webhook-outage", "notification-kill");
    static final List<String> SCENARIOS = List.of("memory", "claims", "event-latency", "kafka-outage",
            "instance-kill", "pg-restart", "order-at-scale", "webhook-outage", "notification-kill");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", arity = "0..*", description = "scenarios to run, default all but "
            + "order-at-scale: ${COMPLETION-CANDIDATES}", completionCandidates = ScenarioNames.class)
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--gateway", defaultValue = "${env:FAULTS_GATEWAY_URL:-http://127.0.0.1:18080}",
            description = "the fault suite's gateway ($FAULTS_GATEWAY_URL), default ${DEFAULT-VALUE}")
    String gateway;
    @Option(names = "--request-service", defaultValue = "${env:FAULTS_REQUEST_URL:-http://127.0.0.1:18083}",
            description = "a request-service instance ($FAULTS_REQUEST_URL), default ${DEFAULT-VALUE}")
    String requestService;
    @Option(names = "--jdbc-base", defaultValue = "${env:FAULTS_JDBC_BASE:-jdbc:postgresql://127.0.0.1:15432/}",
            description = "the fault cluster, a database name appended ($FAULTS_JDBC_BASE), default ${DEFAULT-VALUE}")
    String jdbcBase;
    @Option(names = "--db-user", defaultValue = "${env:FAULTS_DB_USER:-postgres}",
            description = "($FAULTS_DB_USER) default ${DEFAULT-VALUE}")
    String dbUser;
    @Option(names = "--kafka", defaultValue = "${env:FAULTS_KAFKA:-127.0.0.1:19092}",
            description = "the fault broker ($FAULTS_KAFKA), default ${DEFAULT-VALUE}")
    String kafka;
    @Option(names = "--state-dir", defaultValue = "${env:FAULTS_STATE_DIR:-/tmp/grid-faults}",
            description = "the launcher's state dir, its pids/ ($FAULTS_STATE_DIR), default ${DEFAULT-VALUE}")
    Path stateDir;
    @Option(names = "--control", defaultValue = "${env:FAULTS_CONTROL:-bench/faults/run}",
            description = "the script that does the faults, CONTROL --fault NAME ($FAULTS_CONTROL), default ${DEFAULT-VALUE}")
    Path control;
    @Option(names = "--clients", defaultValue = "${env:FAULTS_CLIENTS:-8}", description = "submitting clients ($FAULTS_CLIENTS), default ${DEFAULT-VALUE}")
    int clients;
    @Option(names = "--claimants", defaultValue = "${env:FAULTS_CLAIMANTS:-50}",
            description = "claims of one wish at once ($FAULTS_CLAIMANTS), default ${DEFAULT-VALUE}")
    int claimants;
    @Option(names = "--wishes", defaultValue = "${env:FAULTS_WISHES:-5}",
            description = "wishes claimed ($FAULTS_WISHES), default ${DEFAULT-VALUE}")
    int wishes;
    @Option(names = "--event-samples", defaultValue = "${env:FAULTS_EVENT_SAMPLES:-50}",
            description = "tickets rated for event-latency ($FAULTS_EVENT_SAMPLES), default ${DEFAULT-VALUE}")
    int eventSamples;
    @Option(names = "--kafka-down-seconds", split = ",", defaultValue = "${env:FAULTS_KAFKA_DOWN_SECONDS:-30,120,300}",
            description = "a kafka-outage round per value ($FAULTS_KAFKA_DOWN_SECONDS), default ${DEFAULT-VALUE}")
    List<Long> kafkaDownSeconds;
    @Option(names = "--order-seconds", defaultValue = "${env:FAULTS_ORDER_SECONDS:-40}",
            description = "order-at-scale's load ($FAULTS_ORDER_SECONDS), default ${DEFAULT-VALUE}")
    long orderSeconds;
    @Option(names = "--notify-rate", defaultValue = "${env:FAULTS_NOTIFY_RATE:-5}",
            description = "tickets dispatched per second in webhook-outage and notification-kill ($FAULTS_NOTIFY_RATE),"
                    + " default ${DEFAULT-VALUE}")
    double notifyRate;
    @Option(names = "--webhook-down-seconds", defaultValue = "${env:FAULTS_WEBHOOK_DOWN_SECONDS:-300}",
            description = "how long the receiver is down ($FAULTS_WEBHOOK_DOWN_SECONDS), default ${DEFAULT-VALUE}")
    long webhookDownSeconds;
    @Option(names = "--webhook-catchup-seconds", defaultValue = "${env:FAULTS_WEBHOOK_CATCHUP_SECONDS:-2700}",
            description = "longest wait for the deliveries after the outage: the retry schedule decides"
                    + " ($FAULTS_WEBHOOK_CATCHUP_SECONDS), default ${DEFAULT-VALUE}")
    long webhookCatchupSeconds;
    @Option(names = "--webhook-retry-schedule", defaultValue = "${env:FAULTS_WEBHOOK_RETRY_SCHEDULE:-}",
            description = "the schedule bench/faults/run gave notification-service, for the report"
                    + " ($FAULTS_WEBHOOK_RETRY_SCHEDULE; blank: the service's default)")
    String webhookRetrySchedule;
    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;

    static final class ScenarioNames extends ArrayList<String> {
        ScenarioNames() {
            super(SCENARIOS);
        }
    }

    FaultSettings settings() {
        return new FaultSettings(gateway, requestService, jdbcBase, dbUser, kafka, stateDir, control, clients,
                claimants, wishes, eventSamples, List.copyOf(kafkaDownSeconds), orderSeconds, notifyRate,
                webhookDownSeconds, webhookCatchupSeconds, webhookRetrySchedule == null ? "" : webhookRetrySchedule);
    }

    /** The scenarios to run: the named ones (each must exist), or the default list. */
    List<String> chosen() {
        for (String s : scenarios) {
            if (!SCENARIOS.contains(s)) {
                throw new ParameterException(spec.commandLine(), "unknown scenario " + s + " (known: " + SCENARIOS
                        + ")");
            }
        }
        if (clients < 1 || claimants < 2 || wishes < 1 || eventSamples < 1 || orderSeconds < 4
                || kafkaDownSeconds.stream().anyMatch(s -> s < 1) || notifyRate <= 0 || webhookDownSeconds < 1
                || webhookCatchupSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--clients, --wishes, --event-samples, each "
                    + "--kafka-down-seconds, --webhook-down-seconds and --webhook-catchup-seconds must be at least 1, "
                    + "--claimants at least 2, --order-seconds at least 4, --notify-rate positive");
        }
        return scenarios.isEmpty() ? DEFAULT_SCENARIOS : scenarios;
    }

    @Override
    public Integer call() throws Exception {
        List<String> chosen = chosen();
        FaultSettings s = settings();
        String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        Suite suite = new Suite(s.gateway(), runId);
        FaultRun run = new FaultRun(s, suite, Fixture.setUp(suite), new Databases(s.jdbcBase(), s.dbUser()),
                new Topics(s.kafka(), runId), new FaultControl(s.control(), s.stateDir()), new LinkedHashMap<>());
        Map<String, Scenario> byName = Map.of("memory", new MemoryScenario(run), "claims", new ClaimsScenario(run),
                "event-latency", new EventLatencyScenario(run), "kafka-outage", new KafkaOutageScenario(run),
                "instance-kill", new InstanceKillScenario(run), "pg-restart", new PgRestartScenario(run),
                "order-at-scale", new OrderAtScaleScenario(run), "webhook-outage", new WebhookOutageScenario(run),
                "notification-kill", new NotificationKillScenario(run));
        boolean allMet = true;
        for (String scenario : chosen) {
            System.out.println();
            System.out.println("== " + scenario + " ==");
            allMet &= byName.get(scenario).run();
        }
        if (chosen.contains("memory")) {
            System.out.println();
            System.out.println("== memory after the run ==");
            MemoryScenario.print(run);
        }
        System.out.println();
        System.out.println(allMet ? "faults: every goal met" : "faults: a goal was NOT met (see above)");
        return allMet ? 0 : 1;
    }
}
