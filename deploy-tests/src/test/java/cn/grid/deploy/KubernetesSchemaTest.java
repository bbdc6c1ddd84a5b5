package cn.grid.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Schema check without a cluster: every rendered object of a built-in kind is read into fabric8's typed model
 * of the Kubernetes API (generated from the API's OpenAPI schema). A misspelt field ends up in the model's
 * "additional properties" and a value of the wrong type fails to bind; both are reported with their path.
 * Custom resources (Strimzi, CloudNativePG) have no model here; ProdOverlayTest checks the fields they need.
 */
class KubernetesSchemaTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kinds the suite renders that the typed model must know (a GenericKubernetesResource here is an error). */
    private static final Set<String> BUILT_IN = Set.of("Namespace", "ConfigMap", "Secret", "Service", "ServiceAccount",
            "Deployment", "StatefulSet", "Job", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress",
            "NetworkPolicy");

    @BeforeAll
    static void kubectl() {
        assumeTrue(Kustomize.kubectlAvailable(), "kubectl (with kustomize) is not on the PATH: rendering skipped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/prod"})
    void everyBuiltInObjectMatchesTheApiSchema(String dir) throws Exception {
        Manifests m = Kustomize.render(dir);
        List<String> problems = new ArrayList<>();
        int typed = 0;
        for (Map<String, Object> object : m.objects()) {
            String kind = String.valueOf(object.get("kind"));
            String where = kind + " " + Manifests.name(object);
            HasMetadata parsed;
            try {
                parsed = SERIALIZATION.unmarshal(JSON.writeValueAsString(object));
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                problems.add(where + ": does not bind to the API model: " + cause.getMessage());
                continue;
            }
            if (parsed instanceof GenericKubernetesResource) {
                if (BUILT_IN.contains(kind)) {
                    problems.add(where + ": " + object.get("apiVersion") + " is not a known API version of " + kind);
                }
                continue;
            }
            typed++;
            unknownFields(parsed, where, problems);
        }
        System.out.printf("%s: %d objects, %d checked against the typed API model%n", dir, m.objects().size(), typed);
        assertThat(problems).as(dir).isEmpty();
    }

    /** Walks the typed object and reports every non-empty additionalProperties (fields the schema lacks). */
    static void unknownFields(Object node, String path, List<String> problems) {
        if (node == null) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        Class<?> type = node.getClass();
        if (!type.getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : type.getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            if (!(name.startsWith("get") || name.startsWith("is")) || name.equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (name.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            String property = Character.toLowerCase(name.charAt(name.startsWith("is") ? 2 : 3))
                    + name.substring(name.startsWith("is") ? 3 : 4);
            unknownFields(value, path + "." + property, problems);
        }
    }
}
