package cn.grid.deploy;

import cn.grid.deploy.Manifests.EnvValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.grid.deploy.Manifests.mainContainer;
import static cn.grid.deploy.Manifests.name;
import static cn.grid.deploy.Yamls.at;
import static cn.grid.deploy.Yamls.listAt;
import static cn.grid.deploy.Yamls.mapsAt;
import static cn.grid.deploy.Yamls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local overlay is self-contained: its own PostgreSQL (with the three databases) and Kafka (with every
 * topic), every Secret generated, dev tokens on with a mounted signing key.
 */
class LocalOverlayTest {

    private static final List<ServiceConfig> CONFIGS = ServiceConfig.all();
    /** A call of the init script's create(): {@code create <database> <role> <password>}. */
    private static final Pattern CREATE_DATABASE = Pattern.compile("(?m)^create (\\S+) (\\S+) ");
    /** A call of the topic Job's topic(): {@code topic <name> <partitions> <retention.ms>}. */
    private static final Pattern CREATE_TOPIC = Pattern.compile("(?m)^\\s*topic (\\S+) (\\d+) (-?\\d+)\\s*$");

    private static Manifests local;

    @BeforeAll
    static void render() {
        assumeTrue(Kustomize.kubectlAvailable(), "kubectl (with kustomize) is not on the PATH: rendering skipped");
        local = Kustomize.render("overlays/local");
    }

    private static Map<String, EnvValue> env(String service) {
        return local.environment(mainContainer(local.deployment(service)));
    }

    @Test
    void everyReferencedSecretIsGeneratedWithTheKeysUsed() {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> w : WorkloadRulesTest.workloads(local)) {
            for (String secret : Manifests.secretReferences(w)) {
                if (local.find("Secret", secret).isEmpty()) {
                    problems.add(name(w) + ": Secret " + secret + " is not generated");
                }
            }
            for (Map<String, Object> c : Manifests.containers(w)) {
                for (Map<String, Object> e : mapsAt(c, "env")) {
                    String secret = text(e, "valueFrom", "secretKeyRef", "name");
                    String key = text(e, "valueFrom", "secretKeyRef", "key");
                    if (secret != null && local.find("Secret", secret).isPresent()) {
                        String value = Manifests.secretData(local.get("Secret", secret)).get(key);
                        if (value == null || value.isBlank() || value.endsWith("\n")) {
                            problems.add(name(w) + ": " + secret + "/" + key + " is missing, empty or ends in a newline");
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        // the public key all four verify with belongs to the private key the gateway signs with
        String publicPem = Manifests.secretData(local.get("Secret", secretNameOf("grid-jwt-public-key")))
                .get("jwt-public.pem");
        String privatePem = Manifests.secretData(local.get("Secret", secretNameOf("gateway-dev-signing-key")))
                .get("jwt-private.pem");
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Pem.publicKeyOf(privatePem)).isEqualTo(Pem.publicKey(publicPem));
    }

    /** Generated Secrets carry a content hash: find the one made from {@code generatorName}. */
    private static String secretNameOf(String generatorName) {
        return local.ofKind("Secret").stream().map(Manifests::name)
                .filter(n -> n.matches(Pattern.quote(generatorName) + "-[a-z0-9]{10}")).findFirst()
                .orElseThrow(() -> new AssertionError("no generated Secret " + generatorName));
    }

    @Test
    void devTokensAreOffButTheSigningKeyIsMountedToTurnThemOn() {
        // off in every shipped configuration but the launcher's: a port-forward would hand out any role
        Map<String, EnvValue> gateway = env("gateway");
        assertThat(Optional.ofNullable(gateway.get("GATEWAY_DEV_TOKEN_ENABLED")).map(EnvValue::value).orElse("false"))
                .isEqualTo("false");
        assertThat(gateway).doesNotContainKey("GRID_JWT_PRIVATE_KEY_LOCATION");
        assertThat(Manifests.secretReferences(local.deployment("gateway"))).contains(secretNameOf("gateway-dev-signing-key"));
        // and only the gateway has it
        for (String service : Repo.BACKENDS) {
            assertThat(Manifests.secretReferences(local.deployment(service))).as(service)
                    .doesNotContain(secretNameOf("gateway-dev-signing-key"));
        }
    }

    @Test
    void postgresRunsInTheClusterAndMakesEveryServiceDatabaseWithItsRole() {
        Map<String, Object> postgres = local.get("StatefulSet", "postgres");
        assertThat(text(mainContainer(postgres), "image")).startsWith("postgres:15");
        assertThat(local.servicesOf(postgres)).isNotEmpty();

        String initConfigMap = mapsAt(Manifests.podSpec(postgres), "volumes").stream()
                .map(v -> text(v, "configMap", "name")).filter(n -> n != null).findFirst().orElseThrow();
        String script = String.join("\n", local.configMapData(initConfigMap).values());
        Set<String> created = new TreeSet<>();
        Matcher m = CREATE_DATABASE.matcher(script);
        List<String> problems = new ArrayList<>();
        Map<String, EnvValue> postgresEnv = local.environment(mainContainer(postgres));
        while (m.find()) {
            created.add(m.group(1) + " owned by " + m.group(2));
        }
        for (String service : Repo.BACKENDS) {
            Map<String, EnvValue> env = env(service);
            String database = env.get("GRID_DB_NAME").value();
            String user = env.get("GRID_DB_USER").value();
            if (!created.contains(database + " owned by " + user)) {
                problems.add(service + ": the init script does not create " + database + " owned by " + user
                        + " (it creates " + created + ")");
            }
            if (!local.find("Service", env.get("GRID_DB_HOST").value()).isPresent()) {
                problems.add(service + ": GRID_DB_HOST " + env.get("GRID_DB_HOST").value() + " is no Service here");
            }
            // the password the role gets is the one the service uses
            String passwordVar = service.toUpperCase().replace('-', '_') + "_DB_PASSWORD";
            EnvValue given = postgresEnv.get(passwordVar);
            if (given == null || !given.object().equals(env.get("GRID_DB_PASSWORD").object())) {
                problems.add(service + ": postgres gets " + passwordVar + " from " + (given == null ? null : given.object())
                        + " but the service reads " + env.get("GRID_DB_PASSWORD").object());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(script).contains("${" + "GRID_SERVICE_DB_PASSWORD", "${" + "STUDY_SERVICE_DB_PASSWORD",
                "${" + "REQUEST_SERVICE_DB_PASSWORD");
    }

    @Test
    void kafkaRunsInTheClusterAndTheJobMakesEveryTopic() {
        Map<String, Object> kafka = local.get("StatefulSet", "kafka");
        Map<String, EnvValue> env = local.environment(mainContainer(kafka));
        assertThat(env.get("KAFKA_PROCESS_ROLES").value()).isEqualTo("broker,controller");
        assertThat(Manifests.podSpec(kafka).get("enableServiceLinks")).as("KAFKA_PORT would stop the image").isEqualTo(false);
        String advertised = env.get("KAFKA_ADVERTISED_LISTENERS").value();
        for (String service : Repo.BACKENDS) {
            String bootstrap = env(service).get("KAFKA_BOOTSTRAP_SERVERS").value();
            assertThat(advertised).as(service + " connects to what Kafka advertises").contains("//" + bootstrap);
            assertThat(local.find("Service", bootstrap.substring(0, bootstrap.indexOf(':')))).isPresent();
        }

        Map<String, Object> job = local.get("Job", "kafka-topics");
        String script = String.join("\n", listAt(mainContainer(job), "command").stream().map(String::valueOf).toList());
        assertThat(topicsCreatedBy(script)).containsExactlyInAnyOrderElementsOf(ServiceConfig.allTopics(CONFIGS));
        assertThat(at(mainContainer(job), "image")).isEqualTo(text(mainContainer(kafka), "image"));
    }

    static Set<String> topicsCreatedBy(String script) {
        Set<String> topics = new TreeSet<>();
        Matcher m = CREATE_TOPIC.matcher(script);
        while (m.find()) {
            topics.add(m.group(1));
        }
        return topics;
    }
}
