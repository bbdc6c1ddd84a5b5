package cn.grid.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** The benches' JSON: the suite's answers and events read with Jackson, request bodies written with it. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The body as a tree; a missing node when it is empty or no JSON (a proxy's HTML 502, a cut answer). */
    public static JsonNode tree(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** A top-level text field of a JSON object, or null when the body has none (or is no JSON). */
    public static String text(String body, String field) {
        JsonNode v = tree(body).get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** A top-level number field, or null. */
    public static Long number(String body, String field) {
        JsonNode v = tree(body).get(field);
        return v != null && v.isNumber() ? v.asLong() : null;
    }

    /** The JSON text of a value (a map, a list, a record). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
