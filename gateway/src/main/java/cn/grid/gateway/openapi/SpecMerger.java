package cn.grid.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the suite's one OpenAPI document from the gateway's own part and each service's document. Pure: JSON in,
 * JSON out, the same output for the same input (the checked-in docs/openapi/gateway.json depends on that).
 *
 * <ul>
 *   <li><b>Paths:</b> a service's path is kept only when the gateway routes it to that service (one of the
 *   service's prefixes covers it), under the same path, since the gateway passes paths on unchanged. A path the
 *   gateway does not route (a service's internal read model, say) is left out.</li>
 *   <li><b>Components:</b> a name used by several documents with the same content is kept once; one whose content
 *   differs (or that refers to such a one) is renamed in every service that has it, to
 *   {@code <Service><Name>} ({@code StudyOutcome}, {@code RequestOutcome}), and the service's {@code $ref}s
 *   follow. The gateway part's names are never renamed. Security schemes come from the gateway part only.
 *   Components that nothing kept refers to any more are dropped.</li>
 *   <li><b>The gateway's own answers</b> are added to each proxied operation that does not already document
 *   them: 401 where a token is checked, 413 where there is a body, 429, 502, 503 and 504.</li>
 *   <li><b>Security:</b> the gateway part's global requirement (bearer JWT) stands for {@code /api} and
 *   {@code /xapi}; on a token-optional prefix (Open311) anonymous calls are allowed as well.</li>
 *   <li><b>Gateway part refs into services:</b> {@code "<service>.json#/components/schemas/X"} in the gateway
 *   part resolves to whatever name X got in the merge.</li>
 * </ul>
 */
public final class SpecMerger {

    static final List<String> SECTIONS = List.of("schemas", "responses", "parameters", "examples", "requestBodies",
            "headers", "links", "callbacks", "pathItems");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final String LOCAL = "#/components/";

    /**
     * One service's document and the prefixes the gateway routes to it.
     *
     * @param tokenOptional the prefixes where the gateway lets a call without a token through
     */
    public record Source(String service, JsonNode document, List<String> prefixes, Set<String> tokenOptional) {
    }

    private SpecMerger() {
    }

    public static ObjectNode merge(JsonNode gatewayPart, List<Source> sources) {
        ObjectNode merged = gatewayPart.deepCopy();
        ObjectNode components = object(merged, "components");
        ObjectNode paths = object(merged, "paths");
        Set<String> gatewayOwned = new HashSet<>();
        for (String section : SECTIONS) {
            components.path(section).fieldNames().forEachRemaining(n -> gatewayOwned.add(section + "/" + n));
        }

        Map<String, Map<String, String>> renames = renames(merged, sources);
        Map<String, String> external = new HashMap<>();
        Set<String> tags = new LinkedHashSet<>();
        merged.path("tags").forEach(t -> tags.add(t.path("name").asText()));
        ArrayNode tagList = merged.has("tags") ? (ArrayNode) merged.get("tags") : merged.putArray("tags");

        for (Source source : sources) {
            ObjectNode doc = source.document().deepCopy();
            Map<String, String> rename = renames.getOrDefault(source.service(), Map.of());
            rewriteRefs(doc, rename);
            for (String section : SECTIONS) {
                doc.path("components").path(section).fields().forEachRemaining(e -> {
                    String name = e.getKey();
                    String key = section + "/" + name;
                    String target = rename.getOrDefault(key, key);
                    external.put(source.service() + ".json" + LOCAL + key, LOCAL + target);
                    ObjectNode into = object(components, section);
                    String finalName = target.substring(section.length() + 1);
                    if (!into.has(finalName)) {
                        into.set(finalName, e.getValue());
                    }
                });
            }
            doc.path("tags").forEach(tag -> {
                if (tags.add(tag.path("name").asText())) {
                    tagList.add(tag);
                }
            });
            doc.path("paths").fields().forEachRemaining(e -> {
                String prefix = owningPrefix(e.getKey(), source.prefixes());
                if (prefix == null) {
                    return;
                }
                ObjectNode item = (ObjectNode) e.getValue();
                boolean optional = source.tokenOptional().contains(prefix);
                item.fields().forEachRemaining(op -> {
                    if (METHODS.contains(op.getKey()) && op.getValue().isObject()) {
                        proxied((ObjectNode) op.getValue(), optional);
                    }
                });
                paths.set(e.getKey(), item);
            });
        }
        rewriteExternal(merged, external);
        prune(merged, gatewayOwned);
        return merged;
    }

    /** The gateway's own possible answers on an operation it streams to a service. */
    private static void proxied(ObjectNode operation, boolean tokenOptional) {
        ObjectNode responses = object(operation, "responses");
        if (tokenOptional) {
            ArrayNode security = JsonNodeFactory.instance.arrayNode();
            security.addObject();
            security.addObject().putArray("jwt");
            operation.set("security", security);
        }
        addResponse(responses, "401", "Unauthorized");
        if (operation.has("requestBody")) {
            addResponse(responses, "413", "PayloadTooLarge");
        }
        addResponse(responses, "429", "TooManyRequests");
        addResponse(responses, "502", "BadGateway");
        addResponse(responses, "503", "ServiceUnavailable");
        addResponse(responses, "504", "GatewayTimeout");
    }

    private static void addResponse(ObjectNode responses, String status, String component) {
        if (!responses.has(status)) {
            responses.putObject(status).put("$ref", LOCAL + "responses/" + component);
        }
    }

    /** The prefix that covers {@code path} ({@code /api/v1/grids} covers itself and what is below it). */
    static String owningPrefix(String path, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return prefix;
            }
        }
        return null;
    }

    /**
     * Per service, {@code section/name -> section/newName} for every component whose name means different things
     * in different documents.
     */
    private static Map<String, Map<String, String>> renames(JsonNode gatewayPart, List<Source> sources) {
        // section/name -> the documents that define it (null key: the gateway part)
        Map<String, Map<String, JsonNode>> definitions = new LinkedHashMap<>();
        collect(definitions, "gateway", gatewayPart);
        for (Source source : sources) {
            collect(definitions, source.service(), source.document());
        }
        Set<String> clashing = new HashSet<>();
        definitions.forEach((key, byDoc) -> {
            if (new HashSet<>(byDoc.values()).size() > 1) {
                clashing.add(key);
            }
        });
        // a component that refers to a renamed one means something different per document too
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, Map<String, JsonNode>> e : definitions.entrySet()) {
                if (e.getValue().size() > 1 && !clashing.contains(e.getKey())
                        && e.getValue().values().stream().anyMatch(v -> refersToAny(v, clashing))) {
                    clashing.add(e.getKey());
                    changed = true;
                }
            }
        }
        Map<String, Map<String, String>> renames = new HashMap<>();
        for (Source source : sources) {
            Map<String, String> rename = new HashMap<>();
            for (String key : clashing) {
                if (definitions.get(key).containsKey(source.service())) {
                    int slash = key.indexOf('/');
                    rename.put(key, key.substring(0, slash + 1) + pascal(source.service()) + key.substring(slash + 1));
                }
            }
            renames.put(source.service(), rename);
        }
        return renames;
    }

    private static void collect(Map<String, Map<String, JsonNode>> definitions, String doc, JsonNode document) {
        for (String section : SECTIONS) {
            document.path("components").path(section).fields().forEachRemaining(e ->
                    definitions.computeIfAbsent(section + "/" + e.getKey(), k -> new LinkedHashMap<>())
                            .put(doc, e.getValue()));
        }
    }

    private static boolean refersToAny(JsonNode node, Set<String> keys) {
        List<String> refs = new ArrayList<>();
        refs(node, refs);
        return refs.stream().anyMatch(r -> r.startsWith(LOCAL) && keys.contains(r.substring(LOCAL.length())));
    }

    /** {@code request-service} → {@code Request}: the prefix of its renamed components. */
    static String pascal(String service) {
        String base = service.endsWith("-service") ? service.substring(0, service.length() - "-service".length())
                : service;
        StringBuilder out = new StringBuilder();
        for (String part : base.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> rename) {
        if (rename.isEmpty()) {
            return;
        }
        walk(node, ref -> {
            if (ref.startsWith(LOCAL)) {
                String target = rename.get(ref.substring(LOCAL.length()));
                return target == null ? ref : LOCAL + target;
            }
            return ref;
        });
    }

    private static void rewriteExternal(JsonNode node, Map<String, String> external) {
        walk(node, ref -> {
            if (ref.startsWith(LOCAL)) {
                return ref;
            }
            String target = external.get(ref);
            if (target == null) {
                throw new IllegalStateException("the gateway's OpenAPI part refers to " + ref
                        + ", which no service document defines");
            }
            return target;
        });
    }

    private interface RefMapper {
        String map(String ref);
    }

    private static void walk(JsonNode node, RefMapper mapper) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                object.set("$ref", TextNode.valueOf(mapper.map(ref.textValue())));
            }
            object.elements().forEachRemaining(child -> walk(child, mapper));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> walk(child, mapper));
        }
    }

    private static void refs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                out.add(ref.textValue());
            }
        }
        node.elements().forEachRemaining(child -> refs(child, out));
    }

    /** Drops the services' components that no kept path (nor anything they refer to) uses. */
    private static void prune(ObjectNode merged, Set<String> gatewayOwned) {
        ObjectNode components = (ObjectNode) merged.get("components");
        Set<String> reachable = new HashSet<>(gatewayOwned);
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.add(merged.path("paths"));
        for (String key : gatewayOwned) {
            todo.add(components.path(key.substring(0, key.indexOf('/'))).path(key.substring(key.indexOf('/') + 1)));
        }
        while (!todo.isEmpty()) {
            List<String> found = new ArrayList<>();
            refs(todo.poll(), found);
            for (String ref : found) {
                if (ref.startsWith(LOCAL) && reachable.add(ref.substring(LOCAL.length()))) {
                    String key = ref.substring(LOCAL.length());
                    int slash = key.indexOf('/');
                    todo.add(components.path(key.substring(0, slash)).path(key.substring(slash + 1)));
                }
            }
        }
        for (String section : SECTIONS) {
            JsonNode entries = components.get(section);
            if (entries == null) {
                continue;
            }
            for (Iterator<String> names = entries.fieldNames(); names.hasNext(); ) {
                if (!reachable.contains(section + "/" + names.next())) {
                    names.remove();
                }
            }
        }
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(field);
    }
}
