package cn.grid.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.grid.deploy.Yamls.at;
import static cn.grid.deploy.Yamls.listAt;
import static cn.grid.deploy.Yamls.map;
import static cn.grid.deploy.Yamls.mapAt;
import static cn.grid.deploy.Yamls.strings;
import static cn.grid.deploy.Yamls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/compose/docker-compose.yml read as YAML (merge keys resolved, as compose does) and checked against what
 * the services need. No Docker engine is needed; {@code docker compose config} additionally validates the file
 * against the Compose specification where the compose plugin is installed.
 */
class ComposeFileTest {

    private static final Path COMPOSE_DIR = Repo.path("deploy/compose");
    private static final Map<String, Object> COMPOSE =
            Yamls.document(Repo.read(COMPOSE_DIR.resolve("docker-compose.yml")));
    private static final List<ServiceConfig> CONFIGS = ServiceConfig.all();
    private static final Pattern INIT_CREATE = Pattern.compile("(?m)^create (\\S+) (\\S+) ");

    private static Map<String, Object> service(String name) {
        Object s = at(COMPOSE, "services", name);
        assertThat(s).as("compose service " + name).isNotNull();
        return map(s);
    }

    @Test
    void theSuiteWithPostgresKafkaAndTwoRequestServiceInstances() {
        assertThat(mapAt(COMPOSE, "services")).containsKeys("postgres", "kafka", "kafka-init", "gateway",
                "grid-service", "study-service", "request-service");
        assertThat(text(service("postgres"), "image")).startsWith("postgres:15");
        assertThat(text(service("kafka"), "image")).startsWith("apache/kafka:4.1");
        assertThat(strings(at(service("kafka"), "environment")).get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(Manifests.integer(at(service("request-service"), "deploy", "replicas"))).isGreaterThanOrEqualTo(2);
        for (Object s : mapAt(COMPOSE, "services").values()) {
            String image = text(s, "image");
            assertThat(WorkloadRulesTest.pinned(image.replaceAll("\\$\\{[A-Z_]+:-([^}]+)}", "$1")))
                    .as("pinned image " + image).isTrue();
        }
    }

    @Test
    void servicesStartOnceTheirDependenciesAreHealthy() {
        List<String> problems = new ArrayList<>();
        for (String name : List.of("postgres", "kafka", "gateway", "grid-service", "study-service", "request-service")) {
            if (listAt(service(name), "healthcheck", "test").isEmpty()) {
                problems.add(name + ": no healthcheck");
            }
        }
        for (String backend : Repo.BACKENDS) {
            Map<String, Object> deps = mapAt(service(backend), "depends_on");
            for (var want : Map.of("postgres", "service_healthy", "kafka", "service_healthy",
                    "kafka-init", "service_completed_successfully").entrySet()) {
                if (!want.getValue().equals(text(deps, want.getKey(), "condition"))) {
                    problems.add(backend + ": does not wait for " + want.getKey() + " (" + want.getValue() + ")");
                }
            }
            String probe = String.join(" ", listAt(service(backend), "healthcheck", "test").stream().map(String::valueOf).toList());
            int port = CONFIGS.stream().filter(c -> c.service().equals(backend)).findFirst().orElseThrow()
                    .managementPort();
            if (!probe.contains("/" + port + " ") || !probe.contains("/q/health/ready")) {
                problems.add(backend + ": healthcheck does not ask /q/health/ready on its management port " + port);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceGetsTheEnvironmentItNeeds() {
        List<String> problems = new ArrayList<>();
        for (ServiceConfig config : CONFIGS) {
            Map<String, String> env = strings(at(service(config.service()), "environment"));
            for (String required : config.requiredEnv()) {
                if (env.get(required) == null || env.get(required).isBlank()) {
                    problems.add(config.service() + ": " + required + " not set");
                }
            }
            env.keySet().stream().filter(n -> !config.understands(n))
                    .forEach(n -> problems.add(config.service() + ": " + n + " means nothing to it"));
            // secrets come from .env (interpolated), never written into the file
            env.forEach((k, v) -> {
                if (WorkloadRulesTest.secretLike(k) && !v.matches("\\$\\{[A-Z_]+:\\?[^}]*}")) {
                    problems.add(config.service() + ": " + k + " is not taken from .env (${" + k + ":?...})");
                }
            });
            // the public key is mounted where the service looks for it
            String location = env.get("GRID_JWT_PUBLIC_KEY_LOCATION");
            boolean mounted = listAt(service(config.service()), "volumes").stream().anyMatch(v -> {
                String target = v instanceof Map<?, ?> ? text(v, "target") : String.valueOf(v).split(":")[1];
                return location != null && (location.equals(target) || location.startsWith(target + "/"));
            });
            if (!mounted) {
                problems.add(config.service() + ": nothing is mounted at " + location);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void initScriptsMakeEveryDatabaseAndTopic() {
        String init = Repo.read(COMPOSE_DIR.resolve("postgres-init/10-grid-databases.sh"));
        Set<String> created = new TreeSet<>();
        Matcher m = INIT_CREATE.matcher(init);
        while (m.find()) {
            created.add(m.group(1) + " owned by " + m.group(2));
        }
        for (String backend : Repo.BACKENDS) {
            Map<String, String> env = strings(at(service(backend), "environment"));
            assertThat(created).as("databases the init script creates")
                    .contains(env.get("GRID_DB_NAME") + " owned by " + env.get("GRID_DB_USER"));
        }
        // the local k8s overlay ships the same script (kustomize cannot read files outside its folder)
        assertThat(Repo.read(Repo.path("deploy/k8s/overlays/local/postgres-init/10-grid-databases.sh"))).isEqualTo(init);

        String topicScript = String.join("\n", listAt(service("kafka-init"), "command").stream().map(String::valueOf).toList());
        assertThat(LocalOverlayTest.topicsCreatedBy(topicScript))
                .containsExactlyInAnyOrderElementsOf(ServiceConfig.allTopics(CONFIGS));
    }

    @Test
    void publishedPortsStayOnThisMachineAndDevTokensAreOff() {
        List<String> problems = new ArrayList<>();
        for (var entry : mapAt(COMPOSE, "services").entrySet()) {
            for (Object mapping : listAt(map(entry.getValue()), "ports")) {
                String published = String.valueOf(mapping);
                // host:port:container with the host 127.0.0.1, or a variable that defaults to it
                if (!published.startsWith("127.0.0.1:") && !published.matches("\\$\\{[A-Z_]+:-127\\.0\\.0\\.1}:.*")) {
                    problems.add(entry.getKey() + ": publishes " + published + " on every interface");
                }
            }
        }
        for (ServiceConfig config : CONFIGS) {
            String management = ":" + config.managementPort();
            for (Object mapping : listAt(service(config.service()), "ports")) {
                if (String.valueOf(mapping).endsWith(management)) {
                    problems.add(config.service() + ": publishes its management port " + mapping);
                }
            }
        }
        assertThat(problems).isEmpty();
        String devTokens = strings(at(service("gateway"), "environment")).get("GATEWAY_DEV_TOKEN_ENABLED");
        assertThat(devTokens).as("the compose file's default").isIn("false", "${GATEWAY_DEV_TOKEN_ENABLED:-false}");
        String example = Repo.read(COMPOSE_DIR.resolve(".env.example"));
        assertThat(example).as(".env.example").containsPattern("(?m)^GATEWAY_DEV_TOKEN_ENABLED=false$")
                .doesNotContainPattern("(?m)^GATEWAY_DEV_TOKEN_ENABLED=(?!false$)")
                .containsPattern("(?m)^GATEWAY_BIND_HOST=127\\.0\\.0\\.1$");
    }

    @Test
    void theEnvExampleNamesEveryVariableTheFileRequiresAndHoldsNoValueForSecrets() {
        String example = Repo.read(COMPOSE_DIR.resolve(".env.example"));
        Set<String> required = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(Repo.read(COMPOSE_DIR.resolve("docker-compose.yml")));
        while (m.find()) {
            required.add(m.group(1));
        }
        assertThat(required).isNotEmpty();
        for (String name : required) {
            assertThat(example).as(".env.example").containsPattern("(?m)^" + name + "=$");
        }
        assertThat(Repo.read(COMPOSE_DIR.resolve(".gitignore"))).contains(".env", "keys/");
    }

    @Test
    void composeConfigAcceptsTheFile() throws IOException {
        assumeTrue(Kustomize.available("docker", "compose", "version"),
                "the docker compose plugin is not installed: the file is checked by the tests above only");
        Path env = Files.createTempFile("grid-compose", ".env");
        try {
            StringBuilder values = new StringBuilder();
            for (String line : Repo.read(COMPOSE_DIR.resolve(".env.example")).split("\n")) {
                values.append(line.matches("[A-Z_]+=") ? line + "test-value" : line).append('\n');
            }
            Files.writeString(env, values);
            String rendered = Kustomize.exec(COMPOSE_DIR, List.of("docker", "compose", "--env-file", env.toString(),
                    "-f", "docker-compose.yml", "config"));
            assertThat(rendered).contains("request-service", "gateway");
        } finally {
            Files.deleteIfExists(env);
        }
    }
}
