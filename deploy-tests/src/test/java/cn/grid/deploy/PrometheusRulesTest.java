package cn.grid.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static cn.grid.deploy.Manifests.mainContainer;
import static cn.grid.deploy.Manifests.name;
import static cn.grid.deploy.Manifests.podLabels;
import static cn.grid.deploy.Yamls.at;
import static cn.grid.deploy.Yamls.listAt;
import static cn.grid.deploy.Yamls.mapAt;
import static cn.grid.deploy.Yamls.mapsAt;
import static cn.grid.deploy.Yamls.strings;
import static cn.grid.deploy.Yamls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The alert rules of deploy/observability: valid for Prometheus ({@code promtool check rules}), each proven to fire
 * by a unit test with input series ({@code promtool test rules}), each with a wait ({@code for:}), a severity, a
 * summary, a description and a runbook that exists in docs/operations.md; the prod overlay's PrometheusRule is
 * exactly these rules, and its PodMonitor scrapes every service where its metrics are.
 */
class PrometheusRulesTest {

    static final Path RULES = Repo.path("deploy/observability/prometheus/rules");
    static final Path UNIT_TESTS = Repo.path("deploy/observability/prometheus/tests");
    /** What the issue asks ops to be told about, as alerts. */
    static final Set<String> REQUIRED_ALERTS = Set.of("GridOutboxBacklogHigh", "GridOutboxEventsDelayed",
            "GridOutboxRelayDown", "GridConsumerLagHigh", "GridDeadLetters", "GridHttp5xxRateHigh",
            "GridHttpLatencyP99High", "GridSlaOverdueGrowing", "GridUpstreamEjections");
    static final Set<String> SEVERITIES = Set.of("critical", "warning");

    @Test
    void promtoolAcceptsTheRules() {
        Promtool.require();
        String out = Promtool.run(RULES, Stream.concat(Stream.of("check", "rules"),
                ruleFiles().stream().map(Path::toString)).toArray(String[]::new));
        assertThat(out).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void promtoolUnitTestsProveTheRulesFireAndStayQuiet() {
        Promtool.require();
        String out = Promtool.run(UNIT_TESTS, Stream.concat(Stream.of("test", "rules"),
                unitTestFiles().stream().map(Path::toString)).toArray(String[]::new));
        assertThat(out).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyAlertWaitsHasASeverityAnnotationsAndARunbookSection() {
        Set<String> anchors = headingAnchors(Repo.read(Repo.path("docs/operations.md")));
        List<String> problems = new ArrayList<>();
        alerts().forEach((alert, rule) -> {
            if (rule.get("for") == null) {
                problems.add(alert + ": no for: (a single bad scrape would page)");
            }
            if (!SEVERITIES.contains(text(rule, "labels", "severity"))) {
                problems.add(alert + ": severity " + text(rule, "labels", "severity") + " not one of " + SEVERITIES);
            }
            for (String annotation : List.of("summary", "description", "runbook_url")) {
                String value = text(rule, "annotations", annotation);
                if (value == null || value.isBlank()) {
                    problems.add(alert + ": no " + annotation + " annotation");
                }
            }
            String runbook = text(rule, "annotations", "runbook_url");
            if (runbook != null) {
                String prefix = "docs/operations.md#";
                if (!runbook.startsWith(prefix) || !anchors.contains(runbook.substring(prefix.length()))) {
                    problems.add(alert + ": runbook " + runbook + " is not a heading of docs/operations.md");
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(alerts().keySet()).containsAll(REQUIRED_ALERTS);
    }

    @Test
    void everyAlertHasAUnitTestInWhichItFires() {
        Set<String> fired = new TreeSet<>();
        Set<String> named = new TreeSet<>();
        for (Path file : unitTestFiles()) {
            for (Map<String, Object> test : mapsAt(Yamls.document(Repo.read(file)), "tests")) {
                for (Map<String, Object> check : mapsAt(test, "alert_rule_test")) {
                    String alert = text(check, "alertname");
                    named.add(alert);
                    if (!listAt(check, "exp_alerts").isEmpty()) {
                        fired.add(alert);
                    }
                }
            }
        }
        assertThat(fired).as("alerts with a promtool test that expects them firing")
                .containsExactlyInAnyOrderElementsOf(alerts().keySet());
        assertThat(alerts().keySet()).as("alerts the unit tests name").containsAll(named);
    }

    @Test
    void theProdOverlaysPrometheusRuleIsExactlyTheRulesFiles() {
        List<Object> groups = new ArrayList<>();
        for (Path file : ruleFiles()) {
            groups.addAll(listAt(Yamls.document(Repo.read(file)), "groups"));
        }
        Map<String, Object> checkedIn = Yamls.document(
                Repo.read(Repo.path("deploy/k8s/overlays/prod/prometheus-rule.yaml")));
        assertThat(listAt(checkedIn, "spec", "groups"))
                .as("deploy/k8s/overlays/prod/prometheus-rule.yaml differs from deploy/observability/prometheus/rules:"
                        + " run deploy/observability/make-prometheus-rule")
                .isEqualTo(groups);

        assumeTrue(Kustomize.kubectlAvailable(), "kubectl (with kustomize) is not on the PATH: rendering skipped");
        Manifests prod = Kustomize.render("overlays/prod");
        assertThat(prod.ofKind("PrometheusRule")).hasSize(1);
        Map<String, Object> rendered = prod.ofKind("PrometheusRule").get(0);
        assertThat(text(rendered, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(listAt(rendered, "spec", "groups")).isEqualTo(groups);
    }

    @Test
    void thePodMonitorScrapesEveryServiceOnItsManagementPortAsTheJobTheRulesName() {
        assumeTrue(Kustomize.kubectlAvailable(), "kubectl (with kustomize) is not on the PATH: rendering skipped");
        Manifests prod = Kustomize.render("overlays/prod");
        assertThat(prod.ofKind("PodMonitor")).hasSize(1);
        Map<String, Object> monitor = prod.ofKind("PodMonitor").get(0);
        assertThat(text(monitor, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        String jobLabel = text(monitor, "spec", "jobLabel");
        List<Map<String, Object>> endpoints = mapsAt(monitor, "spec", "podMetricsEndpoints");
        assertThat(endpoints).hasSize(1);
        assertThat(text(endpoints.get(0), "path")).isEqualTo("/q/metrics");
        String port = text(endpoints.get(0), "port");

        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            Map<String, Object> deployment = prod.deployment(service);
            Map<String, String> labels = podLabels(deployment);
            if (!selects(mapAt(monitor, "spec", "selector"), labels)) {
                problems.add(service + ": its pods " + labels + " are not selected");
            }
            // the rules and dashboards select job="<service>"
            if (!service.equals(labels.get(jobLabel))) {
                problems.add(service + ": jobLabel " + jobLabel + " gives job=" + labels.get(jobLabel));
            }
            int management = ServiceConfig.of(service).managementPort();
            boolean named = mapsAt(mainContainer(deployment), "ports").stream().anyMatch(p ->
                    port.equals(p.get("name")) && String.valueOf(management).equals(String.valueOf(p.get("containerPort"))));
            if (!named) {
                problems.add(service + ": no container port " + port + " = its management port " + management);
            }
        }
        assertThat(problems).isEmpty();
        // every job the target-down rule watches is a service
        String up = String.valueOf(alerts().get("GridTargetDown").get("expr"));
        Matcher jobs = Pattern.compile("job=~\"([^\"]+)\"").matcher(up);
        assertThat(jobs.find()).isTrue();
        assertThat(Set.of(jobs.group(1).split("\\|"))).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
    }

    /** matchLabels and In/NotIn/Exists matchExpressions of a label selector, against a pod's labels. */
    private static boolean selects(Map<String, Object> selector, Map<String, String> labels) {
        Map<String, String> match = strings(at(selector, "matchLabels"));
        if (!match.isEmpty() && !Yamls.selects(match, labels)) {
            return false;
        }
        for (Map<String, Object> expression : mapsAt(selector, "matchExpressions")) {
            String value = labels.get(text(expression, "key"));
            List<Object> values = listAt(expression, "values");
            boolean ok = switch (text(expression, "operator")) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return !match.isEmpty() || !mapsAt(selector, "matchExpressions").isEmpty();
    }

    static List<Path> ruleFiles() {
        return yamlFiles(RULES);
    }

    static List<Path> unitTestFiles() {
        return yamlFiles(UNIT_TESTS);
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .sorted().toList();
            assertThat(found).as("YAML files in " + dir).isNotEmpty();
            return found;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** alert name → its rule, over every rules file (a name used twice fails). */
    static Map<String, Map<String, Object>> alerts() {
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        for (Path file : ruleFiles()) {
            for (Map<String, Object> group : mapsAt(Yamls.document(Repo.read(file)), "groups")) {
                for (Map<String, Object> rule : mapsAt(group, "rules")) {
                    String alert = text(rule, "alert");
                    if (alert != null && alerts.put(alert, rule) != null) {
                        throw new AssertionError("alert " + alert + " defined twice");
                    }
                }
            }
        }
        return alerts;
    }

    /** GitHub's anchors of a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> headingAnchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        for (String line : markdown.lines().toList()) {
            Matcher heading = Pattern.compile("^#{1,6}\\s+(.*?)\\s*$").matcher(line);
            if (heading.matches()) {
                String text = Normalizer.normalize(heading.group(1), Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
                anchors.add(text);
            }
        }
        return anchors;
    }
}
