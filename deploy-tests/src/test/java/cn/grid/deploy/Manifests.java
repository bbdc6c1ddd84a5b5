package cn.grid.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.grid.deploy.Yamls.at;
import static cn.grid.deploy.Yamls.listAt;
import static cn.grid.deploy.Yamls.map;
import static cn.grid.deploy.Yamls.mapAt;
import static cn.grid.deploy.Yamls.mapsAt;
import static cn.grid.deploy.Yamls.strings;
import static cn.grid.deploy.Yamls.text;

/** The objects one kustomization renders to, with the look-ups the checks need. */
record Manifests(String source, List<Map<String, Object>> objects) {

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(text(o, "metadata", "name"))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(source + ": no " + kind + " " + name));
    }

    static String name(Map<String, Object> object) {
        return text(object, "metadata", "name");
    }

    /** The Deployments (and StatefulSets) of the suite's four services. */
    List<Map<String, Object>> serviceDeployments() {
        return ofKind("Deployment").stream().filter(d -> Repo.SERVICES.contains(name(d))).toList();
    }

    Map<String, Object> deployment(String service) {
        return get("Deployment", service);
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return mapAt(workload, "spec", "template", "spec");
    }

    static Map<String, String> podLabels(Map<String, Object> workload) {
        return strings(at(workload, "spec", "template", "metadata", "labels"));
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return mapsAt(podSpec(workload), "containers");
    }

    /** The service's own container: the one named like the Deployment. */
    static Map<String, Object> mainContainer(Map<String, Object> workload) {
        return containers(workload).stream().filter(c -> name(workload).equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name(workload) + ": no container named like it"));
    }

    /** Where an environment variable's value comes from. {@code value} is null for a Secret not rendered here. */
    record EnvValue(String name, String source, String object, String key, String value) {

        boolean fromSecret() {
            return "Secret".equals(source);
        }
    }

    /**
     * The environment a container gets: envFrom (ConfigMaps, Secrets) first, then env, later ones winning, as
     * the kubelet does it. A reference to a ConfigMap that is not rendered is an error; a Secret that is not
     * rendered (made outside, in prod) gives a null value.
     */
    Map<String, EnvValue> environment(Map<String, Object> container) {
        Map<String, EnvValue> env = new LinkedHashMap<>();
        for (Map<String, Object> from : mapsAt(container, "envFrom")) {
            String cm = text(from, "configMapRef", "name");
            String secret = text(from, "secretRef", "name");
            if (cm != null) {
                configMapData(cm).forEach((k, v) -> env.put(k, new EnvValue(k, "ConfigMap", cm, k, v)));
            } else if (secret != null) {
                find("Secret", secret).ifPresent(s -> secretData(s).forEach(
                        (k, v) -> env.put(k, new EnvValue(k, "Secret", secret, k, v))));
            }
        }
        for (Map<String, Object> e : mapsAt(container, "env")) {
            String name = text(e, "name");
            if (e.containsKey("value")) {
                env.put(name, new EnvValue(name, "literal", null, null, text(e, "value")));
            } else if (at(e, "valueFrom", "configMapKeyRef") != null) {
                String cm = text(e, "valueFrom", "configMapKeyRef", "name");
                String key = text(e, "valueFrom", "configMapKeyRef", "key");
                env.put(name, new EnvValue(name, "ConfigMap", cm, key, configMapData(cm).get(key)));
            } else if (at(e, "valueFrom", "secretKeyRef") != null) {
                String secret = text(e, "valueFrom", "secretKeyRef", "name");
                String key = text(e, "valueFrom", "secretKeyRef", "key");
                String value = find("Secret", secret).map(s -> secretData(s).get(key)).orElse(null);
                env.put(name, new EnvValue(name, "Secret", secret, key, value));
            } else {
                env.put(name, new EnvValue(name, "other", null, null, null));
            }
        }
        return env;
    }

    Map<String, String> configMapData(String name) {
        return strings(at(get("ConfigMap", name), "data"));
    }

    /** A rendered Secret's keys (values decoded from data, or taken from stringData). */
    static Map<String, String> secretData(Map<String, Object> secret) {
        Map<String, String> out = new LinkedHashMap<>();
        strings(at(secret, "data")).forEach((k, v) -> out.put(k,
                new String(java.util.Base64.getMimeDecoder().decode(v), java.nio.charset.StandardCharsets.UTF_8)));
        out.putAll(strings(at(secret, "stringData")));
        return out;
    }

    /** Every Secret a workload refers to (env, envFrom, volumes), by name. */
    static List<String> secretReferences(Map<String, Object> workload) {
        List<String> names = new ArrayList<>();
        Map<String, Object> pod = podSpec(workload);
        List<Map<String, Object>> all = new ArrayList<>(mapsAt(pod, "containers"));
        all.addAll(mapsAt(pod, "initContainers"));
        for (Map<String, Object> c : all) {
            for (Map<String, Object> e : mapsAt(c, "env")) {
                Optional.ofNullable(text(e, "valueFrom", "secretKeyRef", "name")).ifPresent(names::add);
            }
            for (Map<String, Object> e : mapsAt(c, "envFrom")) {
                Optional.ofNullable(text(e, "secretRef", "name")).ifPresent(names::add);
            }
        }
        for (Map<String, Object> v : mapsAt(pod, "volumes")) {
            Optional.ofNullable(text(v, "secret", "secretName")).ifPresent(names::add);
            for (Object source : listAt(v, "projected", "sources")) {
                Optional.ofNullable(text(source, "secret", "name")).ifPresent(names::add);
            }
        }
        return names;
    }

    /** The HorizontalPodAutoscalers whose target is this Deployment. */
    List<Map<String, Object>> autoscalersOf(Map<String, Object> deployment) {
        return ofKind("HorizontalPodAutoscaler").stream()
                .filter(h -> "Deployment".equals(text(h, "spec", "scaleTargetRef", "kind"))
                        && name(deployment).equals(text(h, "spec", "scaleTargetRef", "name")))
                .toList();
    }

    /** The PodDisruptionBudgets whose selector picks this workload's pods. */
    List<Map<String, Object>> disruptionBudgetsOf(Map<String, Object> workload) {
        Map<String, String> labels = podLabels(workload);
        return ofKind("PodDisruptionBudget").stream()
                .filter(p -> Yamls.selects(strings(at(p, "spec", "selector", "matchLabels")), labels)).toList();
    }

    List<Map<String, Object>> servicesOf(Map<String, Object> workload) {
        Map<String, String> labels = podLabels(workload);
        return ofKind("Service").stream()
                .filter(s -> Yamls.selects(strings(at(s, "spec", "selector")), labels)).toList();
    }

    static int integer(Object value) {
        return Integer.parseInt(String.valueOf(value));
    }

    static Map<String, Object> asMap(Object node) {
        return map(node);
    }
}
