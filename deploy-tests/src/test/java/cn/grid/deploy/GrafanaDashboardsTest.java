package cn.grid.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static cn.grid.deploy.Yamls.mapsAt;
import static cn.grid.deploy.Yamls.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards of deploy/observability: strict JSON, a unique uid each, unique panel ids within each, the
 * data source chosen by the ${datasource} variable (no instance's data source uid baked in), a dashboard per service
 * reading only that service's job and one for the suite, PromQL that Prometheus parses, and provisioning files that
 * point at them.
 */
class GrafanaDashboardsTest {

    static final Path DASHBOARDS = Repo.path("deploy/observability/grafana/dashboards");
    static final Path PROVISIONING = Repo.path("deploy/observability/grafana/provisioning");
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Test
    void everyDashboardIsStrictJsonWithItsOwnUidUniquePanelIdsAndTheDatasourceVariable() throws IOException {
        Set<String> uids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Path file : dashboards()) {
            String name = file.getFileName().toString();
            JsonNode dashboard = STRICT.readTree(file.toFile());
            String uid = dashboard.path("uid").asText("");
            if (uid.isEmpty() || uid.length() > 40 || !uids.add(uid)) {
                problems.add(name + ": uid '" + uid + "' missing, too long or not unique");
            }
            if (dashboard.path("title").asText("").isEmpty()) {
                problems.add(name + ": no title");
            }
            if (dashboard.path("schemaVersion").asInt() < 39) {
                problems.add(name + ": schemaVersion " + dashboard.path("schemaVersion") + " (< 39)");
            }
            boolean datasourceVariable = false;
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                datasourceVariable |= variable.path("name").asText().equals("datasource")
                        && variable.path("type").asText().equals("datasource")
                        && variable.path("query").asText().equals("prometheus");
            }
            if (!datasourceVariable) {
                problems.add(name + ": no datasource variable of type prometheus");
            }
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : panels(dashboard)) {
                String title = name + " / " + panel.path("title").asText();
                if (!panel.path("id").isInt() || !ids.add(panel.path("id").asInt())) {
                    problems.add(title + ": panel id " + panel.path("id") + " missing or used twice");
                }
                JsonNode grid = panel.path("gridPos");
                if (grid.path("x").asInt() + grid.path("w").asInt() > 24 || grid.path("w").asInt() < 1) {
                    problems.add(title + ": gridPos " + grid + " outside the 24 columns");
                }
                if (panel.path("type").asText().equals("row")) {
                    continue;
                }
                if (!panel.path("datasource").path("uid").asText().equals("${datasource}")) {
                    problems.add(title + ": data source " + panel.path("datasource") + " is not ${datasource}");
                }
                if (panel.path("targets").isEmpty()) {
                    problems.add(title + ": no query");
                }
                for (JsonNode target : panel.path("targets")) {
                    if (target.path("expr").asText("").isBlank()) {
                        problems.add(title + ": a target without expr");
                    }
                    if (target.has("datasource")
                            && !target.path("datasource").path("uid").asText().equals("${datasource}")) {
                        problems.add(title + ": a target's data source is not ${datasource}");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void oneDashboardPerServiceReadingOnlyItsOwnJobAndOneForTheSuite() throws IOException {
        Set<String> files = new HashSet<>();
        dashboards().forEach(f -> files.add(f.getFileName().toString()));
        for (String service : Repo.SERVICES) {
            assertThat(files).contains(service + ".json");
            for (Map.Entry<String, String> query : expressions(DASHBOARDS.resolve(service + ".json")).entrySet()) {
                assertThat(query.getValue()).as(service + ".json " + query.getKey())
                        .contains("job=\"" + service + "\"");
            }
        }
        assertThat(files).contains("grid-suite-overview.json");
    }

    @Test
    void prometheusParsesEveryPanelsQuery() throws IOException {
        Promtool.require();
        // as Grafana sends them: its variables replaced by values, each query a recording rule for promtool
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int n = 0;
        for (Path file : dashboards()) {
            for (String expr : expressions(file).values()) {
                String resolved = expr.replace("$__rate_interval", "1m").replace("$__range", "6h")
                        .replace("$__interval", "30s").replace("$instance", ".*");
                assertThat(resolved).as(file.getFileName() + ": a variable left: " + expr).doesNotContain("$");
                rules.append("      - record: dashboard_query_").append(n++).append("\n        expr: ")
                        .append(STRICT.writeValueAsString(resolved)).append('\n');
            }
        }
        Path temp = Files.createTempFile("grid-dashboard-queries", ".yml");
        try {
            Files.writeString(temp, rules);
            String out = Promtool.run(temp.getParent(), "check", "rules", temp.toString());
            assertThat(out).contains("SUCCESS: " + n + " rules found");
        } finally {
            Files.delete(temp);
        }
    }

    @Test
    void provisioningLoadsTheDashboardsFolderAndAPrometheusDataSource() {
        Map<String, Object> dashboards = Yamls.document(Repo.read(PROVISIONING.resolve("dashboards/grid-suite.yml")));
        List<Map<String, Object>> providers = mapsAt(dashboards, "providers");
        assertThat(providers).hasSize(1);
        assertThat(text(providers.get(0), "type")).isEqualTo("file");
        assertThat(text(providers.get(0), "options", "path")).isNotBlank();
        Map<String, Object> datasources = Yamls.document(Repo.read(PROVISIONING.resolve("datasources/prometheus.yml")));
        assertThat(mapsAt(datasources, "datasources")).extracting(d -> d.get("type")).containsExactly("prometheus");
    }

    private static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(found).isNotEmpty();
            return found;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every panel, those inside rows included. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        collect(dashboard.path("panels"), all);
        return all;
    }

    private static void collect(JsonNode panels, List<JsonNode> into) {
        for (JsonNode panel : panels) {
            into.add(panel);
            collect(panel.path("panels"), into);
        }
    }

    private static Map<String, String> expressions(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode panel : panels(STRICT.readTree(file.toFile()))) {
            for (JsonNode target : panel.path("targets")) {
                out.put(panel.path("title").asText() + " / " + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
        return out;
    }
}
