package cn.grid.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reading YAML documents as plain maps and lists, and walking them by key. */
final class Yamls {

    private Yamls() {
    }

    /** Every non-empty document of a (multi-document) YAML text. Merge keys ({@code <<}) are resolved. */
    static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        return docs;
    }

    static Map<String, Object> document(String text) {
        List<Map<String, Object>> docs = documents(text);
        if (docs.size() != 1) {
            throw new IllegalArgumentException("expected one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }

    /** The value at a path of keys, or null when any step is missing. */
    static Object at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    static String text(Object node, String... keys) {
        Object value = at(node, keys);
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a mapping: " + node);
        }
        return (Map<String, Object>) node;
    }

    static Map<String, Object> mapAt(Object node, String... keys) {
        return map(at(node, keys));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?>)) {
            throw new IllegalArgumentException("not a sequence: " + node);
        }
        return (List<Object>) node;
    }

    static List<Object> listAt(Object node, String... keys) {
        return list(at(node, keys));
    }

    static List<Map<String, Object>> mapsAt(Object node, String... keys) {
        return listAt(node, keys).stream().map(Yamls::map).toList();
    }

    /** String values of a mapping (labels, selectors, ConfigMap data). */
    static Map<String, String> strings(Object node) {
        Map<String, String> out = new LinkedHashMap<>();
        map(node).forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
        return out;
    }

    /** Whether every pair of {@code subset} is in {@code labels} (a selector matching labels). */
    static boolean selects(Map<String, String> subset, Map<String, String> labels) {
        return !subset.isEmpty() && subset.entrySet().stream()
                .allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
    }
}
