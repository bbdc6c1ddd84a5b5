package cn.grid.deploy;

import cn.grid.deploy.Manifests.EnvValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static cn.grid.deploy.Manifests.integer;
import static cn.grid.deploy.Manifests.mainContainer;
import static cn.grid.deploy.Manifests.name;
import static cn.grid.deploy.Manifests.podLabels;
import static cn.grid.deploy.Yamls.at;
import static cn.grid.deploy.Yamls.listAt;
import static cn.grid.deploy.Yamls.map;
import static cn.grid.deploy.Yamls.mapAt;
import static cn.grid.deploy.Yamls.mapsAt;
import static cn.grid.deploy.Yamls.strings;
import static cn.grid.deploy.Yamls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The prod overlay: Strimzi Kafka with a KafkaTopic for every topic the services use, a CloudNativePG cluster with
 * the three databases and backups, scaling bounds that the partitions and max_connections can carry, the gateway
 * as the only way in, and no dev tokens.
 */
class ProdOverlayTest {

    private static final List<ServiceConfig> CONFIGS = ServiceConfig.all();
    private static Manifests prod;

    @BeforeAll
    static void render() {
        assumeTrue(Kustomize.kubectlAvailable(), "kubectl (with kustomize) is not on the PATH: rendering skipped");
        prod = Kustomize.render("overlays/prod");
    }

    private static Map<String, EnvValue> env(String service) {
        return prod.environment(mainContainer(prod.deployment(service)));
    }

    private static String envValue(String service, String name) {
        EnvValue v = env(service).get(name);
        return v == null ? null : v.value();
    }

    private static Map<String, Object> strimziKafka() {
        List<Map<String, Object>> kafkas = prod.ofKind("Kafka");
        assertThat(kafkas).as("Strimzi Kafka resources").hasSize(1);
        return kafkas.get(0);
    }

    @Test
    void kafkaIsAStrimziKraftClusterTheServicesConnectTo() {
        Map<String, Object> kafka = strimziKafka();
        String cluster = name(kafka);
        assertThat(kafka.get("apiVersion")).isEqualTo("kafka.strimzi.io/v1");

        List<Map<String, Object>> pools = prod.ofKind("KafkaNodePool").stream()
                .filter(p -> cluster.equals(text(p, "metadata", "labels", "strimzi.io/cluster"))).toList();
        assertThat(pools).as("KafkaNodePools of " + cluster).isNotEmpty();
        Set<Object> roles = pools.stream().flatMap(p -> listAt(p, "spec", "roles").stream()).collect(Collectors.toSet());
        assertThat(roles).as("KRaft roles across the pools").contains("controller", "broker");
        int brokers = pools.stream().filter(p -> listAt(p, "spec", "roles").contains("broker"))
                .mapToInt(p -> integer(at(p, "spec", "replicas"))).sum();
        assertThat(brokers).as("brokers").isGreaterThanOrEqualTo(3);

        Map<String, Object> config = mapAt(kafka, "spec", "kafka", "config");
        assertThat(String.valueOf(config.get("auto.create.topics.enable"))).isEqualTo("false");
        assertThat(integer(config.get("min.insync.replicas"))).isGreaterThanOrEqualTo(2);

        // every service that uses Kafka points at the bootstrap Service of a plain (non-TLS) listener
        Set<String> bootstraps = mapsAt(kafka, "spec", "kafka", "listeners").stream()
                .filter(l -> Boolean.FALSE.equals(l.get("tls")))
                .map(l -> cluster + "-kafka-bootstrap:" + l.get("port")).collect(Collectors.toSet());
        for (String service : Repo.BACKENDS) {
            assertThat(envValue(service, "KAFKA_BOOTSTRAP_SERVERS")).as(service).isIn(bootstraps);
        }
    }

    @Test
    void everyTopicIsAKafkaTopicWithReplicationAndRetention() {
        String cluster = name(strimziKafka());
        Set<String> expected = ServiceConfig.allTopics(CONFIGS);
        assertThat(expected).as("topics derived from the services").hasSizeGreaterThanOrEqualTo(6);

        Map<String, Map<String, Object>> topics = new LinkedHashMap<>();
        for (Map<String, Object> t : prod.ofKind("KafkaTopic")) {
            String topicName = text(t, "spec", "topicName") != null ? text(t, "spec", "topicName") : name(t);
            topics.put(topicName, t);
        }
        assertThat(topics.keySet()).as("KafkaTopics").containsExactlyInAnyOrderElementsOf(expected);

        int partitionsAsked = integer(envValue("grid-service", "GRID_EVENTS_PARTITIONS"));
        List<String> problems = new ArrayList<>();
        topics.forEach((topic, t) -> {
            if (!cluster.equals(text(t, "metadata", "labels", "strimzi.io/cluster"))) {
                problems.add(topic + ": not labelled for cluster " + cluster);
            }
            if (integer(at(t, "spec", "replicas")) < 3) {
                problems.add(topic + ": fewer than 3 replicas");
            }
            if (at(t, "spec", "config", "retention.ms") == null) {
                problems.add(topic + ": no retention.ms");
            }
            if (integer(at(t, "spec", "config", "min.insync.replicas")) < 2) {
                problems.add(topic + ": min.insync.replicas below 2");
            }
            boolean eventTopic = !topic.endsWith(".dlt");
            if (eventTopic && integer(at(t, "spec", "partitions")) < partitionsAsked) {
                problems.add(topic + ": fewer partitions than GRID_EVENTS_PARTITIONS=" + partitionsAsked);
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void noConsumerGroupScalesPastThePartitionsItReads() {
        List<String> problems = new ArrayList<>();
        for (ServiceConfig s : CONFIGS) {
            if (s.consumers().isEmpty()) {
                continue;
            }
            int maxReplicas = integer(at(prod.autoscalersOf(prod.deployment(s.service())).get(0), "spec", "maxReplicas"));
            for (String consumer : s.consumers()) {
                String topic = s.topicOf(consumer);
                Map<String, Object> t = prod.ofKind("KafkaTopic").stream()
                        .filter(x -> topic.equals(text(x, "spec", "topicName"))).findFirst().orElse(null);
                if (t == null) {
                    problems.add(consumer + ": reads " + topic + ", which has no KafkaTopic");
                } else if (integer(at(t, "spec", "partitions")) < maxReplicas) {
                    problems.add(consumer + ": up to " + maxReplicas + " instances but " + topic + " has "
                            + at(t, "spec", "partitions") + " partitions (the rest would idle)");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void postgresIsACloudNativePgClusterWithTheThreeDatabasesAndBackups() {
        List<Map<String, Object>> clusters = prod.ofKind("Cluster").stream()
                .filter(c -> "postgresql.cnpg.io/v1".equals(c.get("apiVersion"))).toList();
        assertThat(clusters).as("CloudNativePG Clusters").hasSize(1);
        Map<String, Object> cluster = clusters.get(0);
        String clusterName = name(cluster);
        assertThat(integer(at(cluster, "spec", "instances"))).as("instances").isGreaterThanOrEqualTo(2);

        // which role owns each database, and which Secret holds each role's password
        Map<String, String> ownerOfDatabase = new LinkedHashMap<>();
        Map<String, String> secretOfRole = new LinkedHashMap<>();
        Map<String, Object> initdb = mapAt(cluster, "spec", "bootstrap", "initdb");
        if (initdb.get("database") != null) {
            ownerOfDatabase.put(text(initdb, "database"), text(initdb, "owner"));
            secretOfRole.put(text(initdb, "owner"), text(initdb, "secret", "name"));
        }
        for (Map<String, Object> role : mapsAt(cluster, "spec", "managed", "roles")) {
            secretOfRole.put(text(role, "name"), text(role, "passwordSecret", "name"));
        }
        for (Map<String, Object> db : prod.ofKind("Database")) {
            if (clusterName.equals(text(db, "spec", "cluster", "name"))) {
                ownerOfDatabase.put(text(db, "spec", "name"), text(db, "spec", "owner"));
            }
        }

        List<String> problems = new ArrayList<>();
        for (String service : Repo.BACKENDS) {
            Map<String, EnvValue> env = env(service);
            String database = env.get("GRID_DB_NAME").value();
            if (!(clusterName + "-rw").equals(env.get("GRID_DB_HOST").value())) {
                problems.add(service + ": GRID_DB_HOST is not " + clusterName + "-rw (the primary)");
            }
            String owner = ownerOfDatabase.get(database);
            if (owner == null) {
                problems.add(service + ": database " + database + " is made neither by initdb nor by a Database");
                continue;
            }
            String roleSecret = secretOfRole.get(owner);
            EnvValue password = env.get("GRID_DB_PASSWORD");
            EnvValue user = env.get("GRID_DB_USER");
            if (roleSecret == null || !roleSecret.equals(password.object()) || !roleSecret.equals(user.object())) {
                problems.add(service + ": reads its user/password from " + user.object() + "/" + password.object()
                        + " but role " + owner + " (owner of " + database + ") is set from " + roleSecret);
            }
        }
        assertThat(problems).isEmpty();

        // backups: WAL archiving through the Barman Cloud plugin to an ObjectStore, and a schedule
        Map<String, Object> plugin = mapsAt(cluster, "spec", "plugins").stream()
                .filter(p -> "barman-cloud.cloudnative-pg.io".equals(p.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no barman-cloud plugin on the Cluster"));
        assertThat(plugin.get("isWALArchiver")).isEqualTo(true);
        Map<String, Object> store = prod.get("ObjectStore", text(plugin, "parameters", "barmanObjectName"));
        assertThat(text(store, "spec", "configuration", "destinationPath")).startsWith("s3://");
        assertThat(text(store, "spec", "retentionPolicy")).isNotBlank();
        assertThat(prod.ofKind("ScheduledBackup")).as("ScheduledBackups of " + clusterName)
                .anyMatch(b -> clusterName.equals(text(b, "spec", "cluster", "name"))
                        && "plugin".equals(text(b, "spec", "method")));
    }

    @Test
    void theServicesAtTheirLargestFitIntoMaxConnections() {
        Map<String, Object> cluster = prod.ofKind("Cluster").get(0);
        int maxConnections = integer(at(cluster, "spec", "postgresql", "parameters", "max_connections"));
        int needed = 0;
        StringBuilder sum = new StringBuilder();
        for (ServiceConfig s : CONFIGS) {
            if (!Repo.BACKENDS.contains(s.service())) {
                continue;
            }
            int maxReplicas = integer(at(prod.autoscalersOf(prod.deployment(s.service())).get(0), "spec", "maxReplicas"));
            String override = envValue(s.service(), "QUARKUS_DATASOURCE_JDBC_MAX_SIZE");
            int pool = override != null ? Integer.parseInt(override) : s.poolMaxSize();
            needed += maxReplicas * pool;
            sum.append(s.service()).append(' ').append(maxReplicas).append('x').append(pool).append("; ");
        }
        System.out.printf("connections at max scale: %s= %d of max_connections %d%n", sum, needed, maxConnections);
        // headroom for superuser, replication and the operator's own connections
        assertThat(needed + 20).as(sum.toString()).isLessThanOrEqualTo(maxConnections);
    }

    @Test
    void everyServiceRunsAtLeastTwiceAndDevTokensAreOff() {
        for (String service : Repo.SERVICES) {
            Map<String, Object> hpa = prod.autoscalersOf(prod.deployment(service)).get(0);
            assertThat(integer(at(hpa, "spec", "minReplicas"))).as(service + " minReplicas").isGreaterThanOrEqualTo(2);
            assertThat(prod.disruptionBudgetsOf(prod.deployment(service))).as(service + " PDB").hasSize(1);
        }
        Map<String, EnvValue> gateway = env("gateway");
        assertThat(gateway).doesNotContainKeys("GATEWAY_DEV_TOKEN_ENABLED", "GRID_JWT_PRIVATE_KEY_LOCATION",
                "QUARKUS_PROFILE");
        assertThat(Manifests.secretReferences(prod.deployment("gateway"))).doesNotContain("gateway-dev-signing-key");
    }

    @Test
    void onlyTheGatewayIsRoutedFromOutside() {
        List<Map<String, Object>> ingresses = prod.ofKind("Ingress");
        assertThat(ingresses).isNotEmpty();
        for (Map<String, Object> ingress : ingresses) {
            for (Map<String, Object> rule : mapsAt(ingress, "spec", "rules")) {
                for (Map<String, Object> path : mapsAt(rule, "http", "paths")) {
                    assertThat(text(path, "backend", "service", "name")).isEqualTo("gateway");
                    assertThat(text(path, "path")).as("routed path").doesNotStartWith("/q").isNotEqualTo("/");
                }
            }
        }
        assertThat(prod.ofKind("Service")).allMatch(s -> text(s, "spec", "type") == null
                || "ClusterIP".equals(text(s, "spec", "type")));
    }

    @Test
    void networkPoliciesLetOnlyTheGatewayAndPrometheusReachTheServices() {
        List<Map<String, Object>> policies = prod.ofKind("NetworkPolicy");
        List<String> problems = new ArrayList<>();
        Map<String, String> gatewayPods = podLabels(prod.deployment("gateway"));
        for (String service : Repo.SERVICES) {
            Map<String, String> pods = podLabels(prod.deployment(service));
            List<Map<String, Object>> selecting = policies.stream()
                    .filter(p -> Yamls.selects(strings(at(p, "spec", "podSelector", "matchLabels")), pods)
                            && listAt(p, "spec", "policyTypes").contains("Ingress"))
                    .toList();
            if (selecting.stream().noneMatch(p -> mapsAt(p, "spec", "ingress").isEmpty())) {
                problems.add(service + ": no default-deny policy selects its pods");
            }
            boolean gatewayAllowed = false;
            for (Map<String, Object> policy : selecting) {
                for (Map<String, Object> rule : mapsAt(policy, "spec", "ingress")) {
                    List<Map<String, Object>> from = mapsAt(rule, "from");
                    if (from.isEmpty()) {
                        problems.add(service + ": " + name(policy) + " has a rule open to everyone");
                    }
                    for (Map<String, Object> peer : from) {
                        Map<String, String> ns = strings(at(peer, "namespaceSelector", "matchLabels"));
                        Map<String, String> podSel = strings(at(peer, "podSelector", "matchLabels"));
                        String namespace = ns.get("kubernetes.io/metadata.name");
                        if (peer.containsKey("ipBlock")) {
                            problems.add(service + ": " + name(policy) + " admits an ipBlock");
                        } else if (!peer.containsKey("namespaceSelector")) {
                            if (Yamls.selects(podSel, gatewayPods)) {
                                gatewayAllowed = true;
                            } else {
                                problems.add(service + ": " + name(policy) + " admits pods " + podSel);
                            }
                        } else if ("monitoring".equals(namespace) && !podSel.isEmpty()) {
                            continue; // Prometheus
                        } else if (service.equals("gateway") && namespace != null && namespace.contains("ingress")) {
                            gatewayAllowed = true; // the ingress controller
                        } else {
                            problems.add(service + ": " + name(policy) + " admits namespace " + ns + " pods " + podSel);
                        }
                    }
                }
            }
            if (!gatewayAllowed) {
                problems.add(service + ": " + (service.equals("gateway")
                        ? "the ingress controller may not reach it" : "the gateway may not reach it"));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everySecretMadeOutsideIsListedInTheReadme() {
        String readme = Repo.read(Repo.path("deploy/README.md"));
        Set<String> external = new TreeSet<>() {
            @Override
            public boolean add(String name) {
                return name != null && super.add(name);
            }
        };
        for (Map<String, Object> w : WorkloadRulesTest.workloads(prod)) {
            Manifests.secretReferences(w).stream().filter(s -> prod.find("Secret", s).isEmpty()).forEach(external::add);
        }
        for (Map<String, Object> cluster : prod.ofKind("Cluster")) {
            external.add(text(cluster, "spec", "bootstrap", "initdb", "secret", "name"));
            mapsAt(cluster, "spec", "managed", "roles").forEach(r -> external.add(text(r, "passwordSecret", "name")));
        }
        for (Map<String, Object> store : prod.ofKind("ObjectStore")) {
            Map<String, Object> s3 = mapAt(store, "spec", "configuration", "s3Credentials");
            s3.values().forEach(ref -> external.add(text(map(ref), "name")));
        }
        for (Map<String, Object> ingress : prod.ofKind("Ingress")) {
            mapsAt(ingress, "spec", "tls").forEach(t -> external.add(text(t, "secretName")));
        }
        System.out.println("prod secrets made outside the overlay: " + external);
        assertThat(external).isNotEmpty().allSatisfy(s -> assertThat(readme).as("deploy/README.md").contains("`" + s + "`"));
    }
}
