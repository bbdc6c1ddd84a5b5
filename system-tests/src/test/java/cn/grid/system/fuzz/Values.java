package cn.grid.system.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Valid values for a schema: its examples and enums, real ids from the {@link Pool}, else plain typed values. */
final class Values {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Pool pool;

    Values(Pool pool) {
        this.pool = pool;
    }

    JsonNode valid(JsonNode schema, String name, String collection, Random random, int depth) {
        String kind = name == null ? null : Pool.kindOf(name, collection);
        String type = OpenApi.type(schema);
        if (kind != null && (type.equals("string") || type.isEmpty())) {
            String real = pool.pick(kind, random);
            if (real != null) {
                return JSON.textNode(real);
            }
        }
        if (schema == null) {
            return JSON.textNode("x");
        }
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        JsonNode example = example(schema);
        switch (type) {
            case "object": {
                ObjectNode object = JSON.objectNode();
                if (depth > 6) {
                    return object;
                }
                Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
                while (props.hasNext()) {
                    Map.Entry<String, JsonNode> p = props.next();
                    boolean required = isRequired(schema, p.getKey());
                    // optional properties are left out now and then, so both shapes are exercised
                    if (required || random.nextInt(4) != 0) {
                        object.set(p.getKey(), valid(p.getValue(), p.getKey(), collection, random, depth + 1));
                    }
                }
                if (object.isEmpty() && example != null && example.isObject()) {
                    return example;
                }
                return object;
            }
            case "array": {
                if (example != null && example.isArray() && kind == null) {
                    return example;
                }
                ArrayNode array = JSON.arrayNode();
                int size = Math.max(schema.path("minItems").asInt(0), 1);
                for (int i = 0; i < size; i++) {
                    array.add(valid(schema.get("items"), name, collection, random, depth + 1));
                }
                return array;
            }
            case "integer":
            case "number": {
                if (example != null && example.isNumber()) {
                    return example;
                }
                if (example != null && example.isTextual() && example.asText().matches("-?\\d+")) {
                    return JSON.numberNode(Long.parseLong(example.asText()));
                }
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 1;
                return JSON.numberNode(Math.max(min, 1));
            }
            case "boolean":
                return JSON.booleanNode(random.nextBoolean());
            default: {
                if (example != null && !example.isContainerNode()) {
                    return JSON.textNode(example.asText());
                }
                return JSON.textNode(plainString(schema, random));
            }
        }
    }

    static boolean isRequired(JsonNode schema, String property) {
        for (JsonNode r : schema.path("required")) {
            if (r.asText().equals(property)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode example(JsonNode schema) {
        if (schema.has("examples") && schema.get("examples").isArray() && !schema.get("examples").isEmpty()) {
            return schema.get("examples").get(0);
        }
        return schema.get("example");
    }

    private static String plainString(JsonNode schema, Random random) {
        String format = schema.path("format").asText("");
        return switch (format) {
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "date" -> LocalDate.of(2026, 1 + random.nextInt(11), 1 + random.nextInt(28)).toString();
            case "date-time" -> OffsetDateTime.of(2026, 1 + random.nextInt(11), 1 + random.nextInt(28), 9, 0, 0, 0,
                    ZoneOffset.ofHours(8)).toString();
            case "email" -> "fuzz@example.cn";
            case "uri", "url" -> "https://example.cn/fuzz";
            default -> "fuzz-" + Integer.toHexString(random.nextInt());
        };
    }
}
