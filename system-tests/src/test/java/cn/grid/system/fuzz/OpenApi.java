package cn.grid.system.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operations of one service's OpenAPI document ({@code /q/openapi?format=json}), with {@code $ref}s into
 * {@code components.schemas} resolved, reduced to what the fuzzer varies: path, query and header parameters and
 * the JSON request body.
 */
final class OpenApi {

    /** A parameter: where it goes ({@code path}, {@code query}, {@code header}), its name and schema. */
    record Param(String in, String name, boolean required, JsonNode schema) {
    }

    /** One operation as the gateway routes it; {@code body} is null when the operation takes no body. */
    record Operation(String service, String method, String path, List<Param> params, JsonNode body,
                     String bodyMediaType, boolean bodyRequired) {

        List<Param> params(String in) {
            return params.stream().filter(p -> p.in().equals(in)).toList();
        }

        String key() {
            return method + " " + path;
        }
    }

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private final JsonNode components;

    private OpenApi(JsonNode document) {
        this.components = document.path("components").path("schemas");
    }

    static List<Operation> operations(String service, JsonNode document) {
        OpenApi api = new OpenApi(document);
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op != null && !endless(op)) {
                    operations.add(api.operation(service, method.toUpperCase(Locale.ROOT), path.getKey(),
                            path.getValue().path("parameters"), op));
                }
            }
        }
        return operations;
    }

    /**
     * An operation whose successful answer is a Server-Sent Events stream (notification-service's live stream): it
     * does not end while the caller listens, so it cannot be sent request after request and checked; the stream's
     * bad input (a foreign or malformed Last-Event-ID, no token) is its own service's tests' business.
     */
    static boolean endless(JsonNode op) {
        boolean streams = false;
        Iterator<Map.Entry<String, JsonNode>> responses = op.path("responses").fields();
        while (responses.hasNext()) {
            Map.Entry<String, JsonNode> response = responses.next();
            if (response.getKey().startsWith("2")) {
                Iterator<String> types = response.getValue().path("content").fieldNames();
                while (types.hasNext()) {
                    if (types.next().startsWith("text/event-stream")) {
                        streams = true;
                    } else {
                        return false;
                    }
                }
            }
        }
        return streams;
    }

    private Operation operation(String service, String method, String path, JsonNode shared, JsonNode op) {
        List<Param> params = new ArrayList<>();
        for (JsonNode list : List.of(shared, op.path("parameters"))) {
            for (JsonNode p : list) {
                JsonNode param = resolve(p);
                params.add(new Param(param.path("in").asText(), param.path("name").asText(),
                        param.path("required").asBoolean(false), resolve(param.path("schema"))));
            }
        }
        JsonNode content = resolve(op.path("requestBody")).path("content");
        JsonNode body = null;
        String mediaType = null;
        Iterator<String> types = content.fieldNames();
        while (types.hasNext()) {
            String type = types.next();
            if (body == null || type.contains("json")) {
                mediaType = type;
                body = resolve(content.path(type).path("schema"));
            }
        }
        return new Operation(service, method, path, List.copyOf(params), body, mediaType,
                op.path("requestBody").path("required").asBoolean(false));
    }

    /**
     * The schema with every {@code $ref} replaced by its target (one level of {@code allOf} merged), recursively;
     * a schema that refers back to itself stops at the second visit.
     */
    JsonNode resolve(JsonNode schema) {
        return resolve(schema, 0);
    }

    private JsonNode resolve(JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || !schema.isObject() || depth > 12) {
            return schema == null ? null : schema;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            String name = ref.asText().substring(ref.asText().lastIndexOf('/') + 1);
            JsonNode target = components.path(name);
            ObjectNode merged = target.isObject() ? ((ObjectNode) target).deepCopy() : new ObjectMapper().createObjectNode();
            schema.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("$ref")) {
                    merged.set(f.getKey(), f.getValue());
                }
            });
            return resolve(merged, depth + 1);
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        if (copy.has("allOf") && copy.get("allOf").isArray()) {
            for (JsonNode part : copy.remove("allOf")) {
                JsonNode resolved = resolve(part, depth + 1);
                if (resolved != null && resolved.isObject()) {
                    resolved.fields().forEachRemaining(f -> {
                        if (!copy.has(f.getKey())) {
                            copy.set(f.getKey(), f.getValue());
                        }
                    });
                }
            }
        }
        for (String one : List.of("oneOf", "anyOf")) {
            if (copy.has(one) && copy.get(one).isArray() && !copy.get(one).isEmpty()) {
                JsonNode first = null;
                for (JsonNode option : copy.get(one)) {
                    if (!"null".equals(option.path("type").asText())) {
                        first = option;
                        break;
                    }
                }
                copy.remove(one);
                JsonNode resolved = resolve(first, depth + 1);
                if (resolved != null && resolved.isObject()) {
                    resolved.fields().forEachRemaining(f -> {
                        if (!copy.has(f.getKey())) {
                            copy.set(f.getKey(), f.getValue());
                        }
                    });
                }
            }
        }
        if (copy.has("properties")) {
            ObjectNode props = (ObjectNode) copy.get("properties");
            List<String> names = new ArrayList<>();
            props.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                props.set(name, resolve(props.get(name), depth + 1));
            }
        }
        if (copy.has("items")) {
            copy.set("items", resolve(copy.get("items"), depth + 1));
        }
        if (copy.has("additionalProperties") && copy.get("additionalProperties").isObject()) {
            copy.set("additionalProperties", resolve(copy.get("additionalProperties"), depth + 1));
        }
        return copy;
    }

    /** The schema's type, {@code type: ["string", "null"]} (OpenAPI 3.1) read as {@code string}. */
    static String type(JsonNode schema) {
        if (schema == null) {
            return "";
        }
        JsonNode type = schema.get("type");
        if (type == null) {
            if (schema.has("properties")) {
                return "object";
            }
            if (schema.has("items")) {
                return "array";
            }
            if (schema.has("enum")) {
                return "string";
            }
            return "";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
            return "null";
        }
        return type.asText();
    }
}
