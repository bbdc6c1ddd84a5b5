package cn.grid.deploy;

import cn.grid.deploy.Manifests.EnvValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static cn.grid.deploy.Manifests.containers;
import static cn.grid.deploy.Manifests.integer;
import static cn.grid.deploy.Manifests.mainContainer;
import static cn.grid.deploy.Manifests.name;
import static cn.grid.deploy.Manifests.podSpec;
import static cn.grid.deploy.Yamls.at;
import static cn.grid.deploy.Yamls.listAt;
import static cn.grid.deploy.Yamls.mapAt;
import static cn.grid.deploy.Yamls.mapsAt;
import static cn.grid.deploy.Yamls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Rules every rendering of deploy/k8s keeps (the base and each overlay): each service has its Deployment with
 * probes on /q/health, requests and limits, a non-root read-only container, an HPA and a PDB, pinned images,
 * every environment variable the service needs, secrets only from Secrets. Each test collects all violations
 * and lists them, so one run shows everything that is wrong.
 */
class WorkloadRulesTest {

    private static final List<ServiceConfig> CONFIGS = ServiceConfig.all();
    private static final Pattern SECRET_LIKE_KEY =
            Pattern.compile("(?i).*(password|passwd|secret|hmac|token|credential|private).*|.*_KEY");
    private static final Pattern NOT_A_SECRET_KEY = Pattern.compile(".*_(LOCATION|ENABLED|URL)");

    @BeforeAll
    static void kubectl() {
        assumeTrue(Kustomize.kubectlAvailable(), "kubectl (with kustomize) is not on the PATH: rendering skipped");
    }

    private static ServiceConfig config(String service) {
        return CONFIGS.stream().filter(c -> c.service().equals(service)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/prod"})
    void everyServiceHasItsDeploymentServiceAutoscalerAndBudget(String dir) {
        Manifests m = Kustomize.render(dir);
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            Optional<Map<String, Object>> found = m.find("Deployment", service);
            if (found.isEmpty()) {
                problems.add(service + ": no Deployment");
                continue;
            }
            Map<String, Object> d = found.get();
            if (at(d, "spec", "replicas") != null) {
                problems.add(service + ": spec.replicas is set, but the HPA owns the replica count");
            }
            // a Service in front, on the port the service listens on, to a named container port
            int port = config(service).httpPort();
            List<String> containerPorts = mapsAt(mainContainer(d), "ports").stream()
                    .filter(p -> integer(p.get("containerPort")) == port).map(p -> text(p, "name")).toList();
            if (containerPorts.isEmpty()) {
                problems.add(service + ": container does not declare port " + port + " (quarkus.http.port)");
            }
            List<Map<String, Object>> services = m.servicesOf(d);
            if (services.stream().noneMatch(s -> mapsAt(s, "spec", "ports").stream().anyMatch(
                    p -> integer(p.get("port")) == port && containerPorts.contains(text(p, "targetPort"))))) {
                problems.add(service + ": no Service selecting its pods on port " + port + " -> " + containerPorts);
            }
            // exactly one autoscaler, autoscaling/v2 on CPU, sane bounds
            List<Map<String, Object>> hpas = m.autoscalersOf(d);
            if (hpas.size() != 1) {
                problems.add(service + ": " + hpas.size() + " HorizontalPodAutoscalers target it (want 1)");
            }
            for (Map<String, Object> h : hpas) {
                int min = at(h, "spec", "minReplicas") == null ? 1 : integer(at(h, "spec", "minReplicas"));
                int max = integer(at(h, "spec", "maxReplicas"));
                if (!"autoscaling/v2".equals(h.get("apiVersion"))) {
                    problems.add(service + ": HPA is " + h.get("apiVersion") + ", not autoscaling/v2");
                }
                if (min < 1 || max < min) {
                    problems.add(service + ": HPA bounds " + min + ".." + max);
                }
                boolean cpu = mapsAt(h, "spec", "metrics").stream().anyMatch(x -> "Resource".equals(x.get("type"))
                        && "cpu".equals(text(x, "resource", "name"))
                        && at(x, "resource", "target", "averageUtilization") != null);
                if (!cpu) {
                    problems.add(service + ": HPA has no CPU utilisation target");
                }
                // a budget that demands all minimum pods would block every node drain
                for (Map<String, Object> pdb : m.disruptionBudgetsOf(d)) {
                    Object minAvailable = at(pdb, "spec", "minAvailable");
                    if (minAvailable instanceof Integer n && n >= min) {
                        problems.add(service + ": PDB minAvailable " + n + " >= HPA minReplicas " + min
                                + " blocks node drains");
                    }
                }
            }
            List<Map<String, Object>> pdbs = m.disruptionBudgetsOf(d);
            if (pdbs.size() != 1) {
                problems.add(service + ": " + pdbs.size() + " PodDisruptionBudgets select its pods (want 1)");
            }
            for (Map<String, Object> pdb : pdbs) {
                if (!"policy/v1".equals(pdb.get("apiVersion"))
                        || (at(pdb, "spec", "minAvailable") == null) == (at(pdb, "spec", "maxUnavailable") == null)) {
                    problems.add(service + ": PDB " + name(pdb) + " needs policy/v1 and one of minAvailable/maxUnavailable");
                }
            }
        }
        assertThat(problems).as(dir).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/prod"})
    void probesAskQuarkusHealth(String dir) {
        Manifests m = Kustomize.render(dir);
        List<String> problems = new ArrayList<>();
        Map<String, String> expected = Map.of("startupProbe", "/q/health/started",
                "livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready");
        for (Map<String, Object> d : m.serviceDeployments()) {
            Map<String, Object> c = mainContainer(d);
            // /q/health and /q/metrics are only on the management interface
            int management = config(name(d)).managementPort();
            List<Object> managementNames = mapsAt(c, "ports").stream()
                    .filter(p -> integer(p.get("containerPort")) == management).map(p -> p.get("name")).toList();
            expected.forEach((probe, path) -> {
                Object port = at(c, probe, "httpGet", "port");
                if (!path.equals(text(c, probe, "httpGet", "path"))) {
                    problems.add(name(d) + ": " + probe + " is not an HTTP GET of " + path);
                } else if (!managementNames.contains(port) && !Integer.valueOf(management).equals(port)) {
                    problems.add(name(d) + ": " + probe + " asks port " + port + ", not the management port "
                            + management + " (quarkus.management.port)");
                }
            });
            Map<String, Object> annotations = mapAt(d, "spec", "template", "metadata", "annotations");
            if (!String.valueOf(management).equals(String.valueOf(annotations.get("prometheus.io/port")))
                    || !"/q/metrics".equals(annotations.get("prometheus.io/path"))) {
                problems.add(name(d) + ": Prometheus does not scrape /q/metrics on the management port " + management);
            }
            // no Service (and so no Ingress, and not the gateway's routes) leads to the management port
            for (Map<String, Object> service : m.servicesOf(d)) {
                for (Map<String, Object> p : mapsAt(service, "spec", "ports")) {
                    Object target = p.get("targetPort");
                    if (managementNames.contains(target) || Integer.valueOf(management).equals(target)
                            || integer(p.get("port")) == management) {
                        problems.add(name(d) + ": Service " + text(service, "metadata", "name")
                                + " exposes the management port");
                    }
                }
            }
        }
        assertThat(problems).as(dir).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/prod"})
    void everyContainerHasRequestsAndLimits(String dir) {
        Manifests m = Kustomize.render(dir);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> w : workloads(m)) {
            for (Map<String, Object> c : containers(w)) {
                for (String resource : List.of("cpu", "memory")) {
                    Object request = at(c, "resources", "requests", resource);
                    Object limit = at(c, "resources", "limits", resource);
                    if (request == null || limit == null) {
                        problems.add(name(w) + "/" + c.get("name") + ": " + resource + " request and limit both needed");
                    } else if (Quantities.parse(request).compareTo(Quantities.parse(limit)) > 0) {
                        problems.add(name(w) + "/" + c.get("name") + ": " + resource + " request " + request
                                + " above its limit " + limit);
                    }
                }
            }
        }
        assertThat(problems).as(dir).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/prod"})
    void imagesArePinnedByTag(String dir) {
        Manifests m = Kustomize.render(dir);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> w : workloads(m)) {
            List<Map<String, Object>> all = new ArrayList<>(containers(w));
            all.addAll(mapsAt(podSpec(w), "initContainers"));
            for (Map<String, Object> c : all) {
                String image = text(c, "image");
                if (!pinned(image)) {
                    problems.add(name(w) + "/" + c.get("name") + ": image " + image + " has no fixed tag or digest");
                }
            }
        }
        assertThat(problems).as(dir).isEmpty();
    }

    static boolean pinned(String image) {
        if (image == null) {
            return false;
        }
        if (image.contains("@sha256:")) {
            return true;
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon > 0 && colon < last.length() - 1 && !last.endsWith(":latest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/prod"})
    void servicesRunAsNonRootOnAReadOnlyRootFilesystem(String dir) {
        Manifests m = Kustomize.render(dir);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> d : m.serviceDeployments()) {
            Map<String, Object> pod = podSpec(d);
            Map<String, Object> c = mainContainer(d);
            String n = name(d);
            if (!Boolean.TRUE.equals(at(pod, "securityContext", "runAsNonRoot"))) {
                problems.add(n + ": pod securityContext.runAsNonRoot is not true");
            }
            if (!Boolean.TRUE.equals(at(c, "securityContext", "readOnlyRootFilesystem"))) {
                problems.add(n + ": readOnlyRootFilesystem is not true");
            }
            if (!Boolean.FALSE.equals(at(c, "securityContext", "allowPrivilegeEscalation"))) {
                problems.add(n + ": allowPrivilegeEscalation is not false");
            }
            if (!listAt(c, "securityContext", "capabilities", "drop").contains("ALL")) {
                problems.add(n + ": capabilities are not all dropped");
            }
            // Quarkus (Vert.x file cache, uploads) and the JVM need a writable /tmp
            String tmpVolume = mapsAt(c, "volumeMounts").stream().filter(v -> "/tmp".equals(v.get("mountPath")))
                    .map(v -> text(v, "name")).findFirst().orElse(null);
            boolean tmpIsEmptyDir = mapsAt(pod, "volumes").stream()
                    .anyMatch(v -> v.get("name").equals(tmpVolume) && v.containsKey("emptyDir"));
            if (!tmpIsEmptyDir) {
                problems.add(n + ": /tmp is not an emptyDir volume");
            }
            if (!Boolean.FALSE.equals(pod.get("enableServiceLinks"))) {
                problems.add(n + ": enableServiceLinks is not false (Services inject KAFKA_PORT, GRID_SERVICE_PORT, ...)");
            }
            if (!Boolean.FALSE.equals(pod.get("automountServiceAccountToken"))) {
                problems.add(n + ": the service account token is mounted, though no service calls the API");
            }
        }
        assertThat(problems).as(dir).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/prod"})
    void everyServiceGetsTheEnvironmentItNeeds(String dir) {
        Manifests m = Kustomize.render(dir);
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            Map<String, Object> d = m.deployment(service);
            Map<String, Object> c = mainContainer(d);
            ServiceConfig config = config(service);
            Map<String, EnvValue> env = m.environment(c);
            for (String required : config.requiredEnv()) {
                EnvValue v = env.get(required);
                if (v == null) {
                    problems.add(service + ": " + required + " is not set (application.properties needs it)");
                } else if (!v.fromSecret() && (v.value() == null || v.value().isBlank())) {
                    problems.add(service + ": " + required + " is empty");
                }
            }
            for (String name : env.keySet()) {
                if (!config.understands(name)) {
                    problems.add(service + ": " + name + " means nothing to it (no ${" + name
                            + "} or matching property in its application.properties)");
                }
            }
            // values that are secrets come from Secrets
            for (EnvValue v : env.values()) {
                if (secretLike(v.name()) && !v.fromSecret()) {
                    problems.add(service + ": " + v.name() + " comes from a " + v.source() + ", not a Secret");
                }
            }
            // a file location points into a mounted volume (and, where the Secret is rendered, at one of its keys)
            for (EnvValue v : env.values()) {
                if (v.name().endsWith("_LOCATION") && v.value() != null && v.value().startsWith("/")) {
                    String problem = fileProblem(m, d, c, v.value());
                    if (problem != null) {
                        problems.add(service + ": " + v.name() + "=" + v.value() + ": " + problem);
                    }
                }
            }
            if (service.equals("gateway")) {
                boolean devTokens = Optional.ofNullable(env.get("GATEWAY_DEV_TOKEN_ENABLED"))
                        .map(v -> "true".equalsIgnoreCase(v.value())).orElse(false);
                boolean hasKey = env.containsKey("GRID_JWT_PRIVATE_KEY_LOCATION");
                if (devTokens != hasKey) {
                    problems.add("gateway: dev tokens " + (devTokens ? "on without" : "off but with")
                            + " GRID_JWT_PRIVATE_KEY_LOCATION");
                }
                if (env.containsKey("QUARKUS_PROFILE")) {
                    problems.add("gateway: QUARKUS_PROFILE set: dev tokens are switched by GATEWAY_DEV_TOKEN_ENABLED");
                }
            }
        }
        assertThat(problems).as(dir).isEmpty();
    }

    static boolean secretLike(String key) {
        return SECRET_LIKE_KEY.matcher(key).matches() && !NOT_A_SECRET_KEY.matcher(key).matches();
    }

    private static String fileProblem(Manifests m, Map<String, Object> d, Map<String, Object> c, String file) {
        for (Map<String, Object> mount : mapsAt(c, "volumeMounts")) {
            String dir = text(mount, "mountPath");
            if (!file.startsWith(dir.endsWith("/") ? dir : dir + "/")) {
                continue;
            }
            String fileName = file.substring(file.lastIndexOf('/') + 1);
            Map<String, Object> volume = mapsAt(podSpec(d), "volumes").stream()
                    .filter(v -> v.get("name").equals(mount.get("name"))).findFirst().orElse(null);
            if (volume == null) {
                return "mount " + mount.get("name") + " has no volume";
            }
            String secret = text(volume, "secret", "secretName");
            if (secret != null && m.find("Secret", secret).isPresent()
                    && !Manifests.secretData(m.get("Secret", secret)).containsKey(fileName)) {
                return "Secret " + secret + " has no key " + fileName;
            }
            return null;
        }
        return "no volume is mounted there";
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/prod"})
    void configMapsHoldNoSecrets(String dir) {
        Manifests m = Kustomize.render(dir);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> cm : m.ofKind("ConfigMap")) {
            Yamls.strings(at(cm, "data")).forEach((key, value) -> {
                if (secretLike(key)) {
                    problems.add(name(cm) + ": key " + key + " looks like a secret: use a Secret");
                }
                if (value != null && value.contains("-----BEGIN")) {
                    problems.add(name(cm) + ": key " + key + " holds a PEM block: use a Secret");
                }
            });
        }
        assertThat(problems).as(dir).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/prod"})
    void referencedConfigMapsAreRendered(String dir) {
        Manifests m = Kustomize.render(dir);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> w : workloads(m)) {
            Map<String, Object> pod = podSpec(w);
            List<String> names = new ArrayList<>();
            for (Map<String, Object> c : mapsAt(pod, "containers")) {
                mapsAt(c, "envFrom").forEach(e -> Optional.ofNullable(text(e, "configMapRef", "name")).ifPresent(names::add));
                mapsAt(c, "env").forEach(e -> Optional.ofNullable(text(e, "valueFrom", "configMapKeyRef", "name"))
                        .ifPresent(names::add));
            }
            mapsAt(pod, "volumes").forEach(v -> Optional.ofNullable(text(v, "configMap", "name")).ifPresent(names::add));
            names.stream().filter(n -> m.find("ConfigMap", n).isEmpty())
                    .forEach(n -> problems.add(name(w) + ": ConfigMap " + n + " is not rendered"));
        }
        assertThat(problems).as(dir).isEmpty();
    }

    static List<Map<String, Object>> workloads(Manifests m) {
        List<Map<String, Object>> all = new ArrayList<>(m.ofKind("Deployment"));
        all.addAll(m.ofKind("StatefulSet"));
        all.addAll(m.ofKind("Job"));
        return all;
    }
}
