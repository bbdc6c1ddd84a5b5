package cn.grid.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint an {@code Idempotency-Key} is stored with, to tell a retry of a create from a different request
 * sent with the same key. It is taken over a canonical JSON form of the parsed command, so that what a client's
 * JSON library may vary between two sends of the same body does not count: the order of keys (also inside maps
 * such as a ticket's {@code attributes}), whitespace, and how a number is written ({@code 1}, {@code 1.0},
 * {@code 1e0} are one number). A really different body still gives a different fingerprint.
 *
 * <p>Fingerprints are versioned. {@code v2:} + SHA-256 of the canonical form is what {@link #of} makes; keys stored
 * before it (within {@code grid.idempotency.retention}, 7 days) carry the bare SHA-256 of the command's
 * {@code toString()}, and {@link #matches} still accepts the command's old form for them, so an upgrade never turns
 * a client's retry into a 422. Once the retention has passed since the upgrade no such row is left.
 */
public final class RequestFingerprint {

    /** The prefix of the current version; a stored fingerprint without it is a version 1 (legacy) one. */
    static final String V2 = "v2:";

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private RequestFingerprint() {
    }

    /** The fingerprint to store for {@code command} (a record, the request as the use case got it). */
    public static String of(Object command) {
        return V2 + sha256(canonical(command));
    }

    /**
     * Whether {@code stored} (what the first request with the key left) is the fingerprint of {@code command}: in
     * the current form, or in the form of version 1 (the bare SHA-256 of {@code command.toString()}), which keys
     * stored before the upgrade carry.
     */
    public static boolean matches(String stored, Object command) {
        if (stored.startsWith(V2)) {
            return stored.equals(of(command));
        }
        return stored.equals(legacy(command));
    }

    /** Version 1: the SHA-256 of the command's {@code toString()}, as stored before the canonical form. */
    static String legacy(Object command) {
        return sha256(String.valueOf(command));
    }

    /**
     * The canonical JSON of a command: its properties and map entries sorted by name, numbers written in their
     * shortest exact form (integral values without a fraction), no insignificant whitespace.
     */
    static String canonical(Object command) {
        try {
            JsonNode tree = CANONICAL.valueToTree(command);
            return CANONICAL.writeValueAsString(normalised(tree));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + command.getClass().getName() + " as JSON to fingerprint it",
                    e);
        }
    }

    private static JsonNode normalised(JsonNode node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node.isObject()) {
            // a JsonNode inside the command keeps the order it was parsed in: sort its fields too
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                sorted.put(field.getKey(), normalised(field.getValue()));
            }
            ObjectNode object = nodes.objectNode();
            sorted.forEach(object::set);
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = nodes.arrayNode();
            node.forEach(element -> array.add(normalised(element)));
            return array;
        }
        if (node.isNumber() && !(node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()))) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return value.scale() <= 0 ? nodes.numberNode(value.toBigIntegerExact()) : nodes.numberNode(value);
        }
        return node;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
