package cn.grid.system;

import cn.grid.system.PromQlSelectors.Selector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric an alert rule ({@code deploy/observability/prometheus/rules}) or a dashboard panel
 * ({@code deploy/observability/grafana/dashboards}) reads is exported by the running suite: the packaged services
 * are started, a little traffic goes through the gateway (a grid node created, which grid-service's outbox relays
 * and both other services consume), and each process' {@code /q/metrics} on its management port is scraped. A
 * name is found when some process exposes a sample of exactly that name ({@code _bucket}, {@code _count},
 * {@code _total} included: a rule reading {@code x_bucket} needs the histogram, not just the timer), with every
 * label its matchers name (besides {@code job} and {@code instance}, which Prometheus adds).
 */
class ExportedMetricsIT extends AgainstTheSuite {

    /** Series Prometheus makes itself, not the services. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");
    /** Every process of the suite, each scraped on its management port. */
    private static final List<String> PROCESSES = List.of("gateway", "grid-service", "study-service",
            "request-service", "notification-service");
    /** Labels Prometheus attaches to every scraped series (job: the module; instance: the address). */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyMetricTheRulesAndDashboardsReadIsExported() throws Exception {
        Path root = Path.of(System.getProperty("grid.repo.root", "..")).toAbsolutePath().normalize();
        Map<String, List<Selector>> wanted = new TreeMap<>();
        for (Path rules : files(root.resolve("deploy/observability/prometheus/rules"), ".yml")) {
            for (Map.Entry<String, String> rule : ruleExpressions(rules).entrySet()) {
                wanted.put(root.relativize(rules) + " " + rule.getKey(), PromQlSelectors.of(rule.getValue()));
            }
        }
        for (Path dashboard : files(root.resolve("deploy/observability/grafana/dashboards"), ".json")) {
            for (Map.Entry<String, String> target : panelExpressions(dashboard).entrySet()) {
                wanted.put(root.relativize(dashboard) + " " + target.getKey(), PromQlSelectors.of(target.getValue()));
            }
        }
        Set<String> names = new TreeSet<>();
        wanted.values().forEach(selectors -> selectors.forEach(s -> names.add(s.metric())));
        // the files were read: every kind of figure the alerts are about is among them
        assertThat(names).contains("http_server_requests_seconds_bucket", "grid_outbox_backlog",
                "grid_outbox_oldest_unsent_age_seconds", "grid_outbox_relay_up", "grid_consumer_lag",
                "grid_consumer_dead_lettered_total", "grid_requests_overdue", "gateway_upstream_ejections_total");

        // a little traffic: a node through the gateway to grid-service, its event through the outbox to the
        // consumers of request- and study-service, read back through the gateway from both
        String admin = devToken("metrics-admin", List.of("district-admin"), null);
        GridEventPathIT.awaitKnownEverywhere(admin, GridEventPathIT.createDistrict(admin, "沾益区"),
                Duration.ofSeconds(60));

        // some series appear after a first probe (a consumer's partitions, 5 s after its assignment): scrape
        // until every name is there or the deadline passes, then report what is missing
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> missing;
        Map<String, Set<String>> exported;
        do {
            exported = scrapeAll();
            missing = missing(wanted, exported);
            if (missing.isEmpty()) {
                break;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        } while (System.nanoTime() < deadline);
        System.out.printf("%d metric names read by %d rules and panels, all exported by the suite's %d processes%n",
                names.size(), wanted.size(), PROCESSES.size());
        assertThat(missing).as("metrics (and their labels) the rules and dashboards read that no process exports")
                .isEmpty();
    }

    /** Sample name → the label names seen on it, over every process of the suite. */
    private Map<String, Set<String>> scrapeAll() throws Exception {
        Map<String, Set<String>> exported = new TreeMap<>();
        for (String process : PROCESSES) {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(
                    URI.create(suite.management(process) + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).as(process + " /q/metrics").isEqualTo(200);
            scrape.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
                int brace = line.indexOf('{');
                int space = line.indexOf(' ');
                String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
                Set<String> labels = exported.computeIfAbsent(name, n -> new TreeSet<>());
                if (brace >= 0 && brace < space) {
                    Matcher label = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                    while (label.find()) {
                        labels.add(label.group(1));
                    }
                }
            });
        }
        return exported;
    }

    private static List<String> missing(Map<String, List<Selector>> wanted, Map<String, Set<String>> exported) {
        List<String> missing = new ArrayList<>();
        wanted.forEach((where, selectors) -> {
            for (Selector selector : selectors) {
                if (PROMETHEUS_OWN.contains(selector.metric())) {
                    continue;
                }
                Set<String> labels = exported.get(selector.metric());
                if (labels == null) {
                    missing.add(selector.metric() + " (" + where + ")");
                    continue;
                }
                for (String label : selector.labels()) {
                    if (!TARGET_LABELS.contains(label) && !labels.contains(label)) {
                        missing.add(selector.metric() + " has no label " + label + " (" + where + ")");
                    }
                }
            }
        });
        return missing;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
            assertThat(found).as("files in " + dir).isNotEmpty();
            return found;
        }
    }

    /** alert (or record) name → its expression. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> ruleExpressions(Path file) throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> doc = new Yaml().load(in);
            for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    Object name = rule.containsKey("alert") ? rule.get("alert") : rule.get("record");
                    expressions.put(String.valueOf(name), String.valueOf(rule.get("expr")));
                }
            }
        }
        return expressions;
    }

    /** "panel title / refId" → the target's expression, rows' nested panels included. */
    private static Map<String, String> panelExpressions(Path file) throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        collect(new ObjectMapper().readTree(file.toFile()).path("panels"), expressions);
        return expressions;
    }

    private static void collect(JsonNode panels, Map<String, String> expressions) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    expressions.put(panel.path("title").asText() + " / " + target.path("refId").asText(),
                            target.path("expr").asText());
                }
            }
            collect(panel.path("panels"), expressions);
        }
    }
}
