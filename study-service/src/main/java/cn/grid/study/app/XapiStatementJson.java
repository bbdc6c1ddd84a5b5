package cn.grid.study.app;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.study.app.xapi.XapiStatementValidator;
import cn.grid.study.domain.xapi.StatementFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reading statements, the spec's statement comparison, and the {@code ids}/{@code canonical} formats. */
final class XapiStatementJson {

    /** Duplicate keys are an error (they would make "as sent" ambiguous); numbers keep their exact value. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Set<String> IGNORED_IN_COMPARISON = Set.of("id", "authority", "stored", "timestamp", "version",
            "attachments");
    private static final List<String> LANGUAGE_MAPS = List.of("name", "description");

    private XapiStatementJson() {
    }

    static JsonNode parse(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new DomainProblem(ProblemType.BAD_REQUEST, what + " is missing");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DomainProblem(ProblemType.MALFORMED_JSON, what + " is not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- comparison (Data 2.3.1: Statement Immutability) -------------------------------------------------------

    /**
     * Whether two statements with the same id are the same statement: the spec has an LRS ignore id, authority,
     * stored, timestamp, version, attachments, Activity Definitions, the order of Group members and case. Here
     * also: property order, number notation (1 and 1.0), and an objectType that only states the default
     * (Agent, Activity).
     */
    static boolean sameStatement(JsonNode a, JsonNode b) {
        return comparable(a, true).equals(comparable(b, true));
    }

    private static JsonNode comparable(JsonNode node, boolean top) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(f -> sorted.put(f.getKey(), f.getValue()));
            boolean activity = sorted.containsKey("id") && !sorted.containsKey("verb")
                    && "Activity".equals(sorted.getOrDefault("objectType", JsonNodeFactory.instance.textNode("Activity")).asText());
            for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
                String key = field.getKey();
                if (top && IGNORED_IN_COMPARISON.contains(key)
                        || activity && "definition".equals(key)
                        || "objectType".equals(key) && Set.of("Agent", "Activity").contains(field.getValue().asText())) {
                    continue;
                }
                JsonNode value = comparable(field.getValue(), false);
                if ("member".equals(key) && value.isArray()) {
                    List<JsonNode> members = new ArrayList<>();
                    value.forEach(members::add);
                    members.sort((x, y) -> x.toString().compareTo(y.toString()));
                    ArrayNode sortedMembers = JsonNodeFactory.instance.arrayNode();
                    members.forEach(sortedMembers::add);
                    value = sortedMembers;
                }
                out.set(key.toLowerCase(Locale.ROOT), value);
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(comparable(item, false)));
            return out;
        }
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(node.asText().toLowerCase(Locale.ROOT));
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return JsonNodeFactory.instance.textNode("#" + value.toPlainString());
        }
        return node;
    }

    // ---- formats (Communication 2.1.3) -------------------------------------------------------------------------

    /** The stored JSON in the requested format; {@code languages} is the Accept-Language header (canonical). */
    static String format(String json, StatementFormat format, List<Locale.LanguageRange> languages) {
        if (format == StatementFormat.EXACT) {
            return json;
        }
        ObjectNode statement = (ObjectNode) parse(json, "a stored statement");
        if (format == StatementFormat.IDS) {
            idsOnly(statement);
        } else {
            canonical(statement, languages);
        }
        return write(statement);
    }

    private static void idsOnly(ObjectNode s) {
        for (String agent : List.of("actor", "authority")) {
            if (s.has(agent)) {
                s.set(agent, agentIds(s.get(agent)));
            }
        }
        if (s.has("verb")) {
            ObjectNode verb = JsonNodeFactory.instance.objectNode();
            verb.set("id", s.get("verb").get("id"));
            s.set("verb", verb);
        }
        if (s.has("object")) {
            JsonNode object = s.get("object");
            String type = object.path("objectType").asText("Activity");
            switch (type) {
                case "Activity" -> s.set("object", activityIds(object));
                case "Agent", "Group" -> s.set("object", agentIds(object));
                case "SubStatement" -> idsOnly((ObjectNode) object);
                default -> {
                }
            }
        }
        if (s.path("context").isObject()) {
            ObjectNode context = (ObjectNode) s.get("context");
            for (String agent : List.of("instructor", "team")) {
                if (context.has(agent)) {
                    context.set(agent, agentIds(context.get(agent)));
                }
            }
            if (context.path("contextActivities").isObject()) {
                ObjectNode activities = (ObjectNode) context.get("contextActivities");
                activities.fieldNames().forEachRemaining(kind -> {
                    JsonNode value = activities.get(kind);
                    if (value.isArray()) {
                        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
                        value.forEach(a -> ids.add(activityIds(a)));
                        activities.set(kind, ids);
                    } else {
                        activities.set(kind, activityIds(value));
                    }
                });
            }
        }
    }

    private static JsonNode agentIds(JsonNode a) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (a.has("objectType")) {
            out.set("objectType", a.get("objectType"));
        }
        for (String ifi : List.of("mbox", "mbox_sha1sum", "openid", "account")) {
            if (a.has(ifi)) {
                out.set(ifi, a.get(ifi));
            }
        }
        // an anonymous Group is identified by its members
        if (XapiStatementValidator.ifiKey(a) == null && a.has("member")) {
            ArrayNode members = JsonNodeFactory.instance.arrayNode();
            a.get("member").forEach(m -> members.add(agentIds(m)));
            out.set("member", members);
        }
        return out;
    }

    private static JsonNode activityIds(JsonNode a) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (a.has("objectType")) {
            out.set("objectType", a.get("objectType"));
        }
        out.set("id", a.get("id"));
        return out;
    }

    /** One language per language map of the verb and of every Activity Definition, the caller's best match. */
    private static void canonical(ObjectNode s, List<Locale.LanguageRange> languages) {
        if (s.path("verb").path("display").isObject()) {
            ((ObjectNode) s.get("verb")).set("display", oneLanguage(s.get("verb").get("display"), languages));
        }
        JsonNode object = s.path("object");
        if ("SubStatement".equals(object.path("objectType").asText())) {
            canonical((ObjectNode) object, languages);
        } else if (object.path("definition").isObject()) {
            definition((ObjectNode) object.get("definition"), languages);
        }
        JsonNode activities = s.path("context").path("contextActivities");
        activities.forEach(kind -> (kind.isArray() ? kind : JsonNodeFactory.instance.arrayNode().add(kind))
                .forEach(a -> {
                    if (a.path("definition").isObject()) {
                        definition((ObjectNode) a.get("definition"), languages);
                    }
                }));
    }

    private static void definition(ObjectNode d, List<Locale.LanguageRange> languages) {
        for (String map : LANGUAGE_MAPS) {
            if (d.path(map).isObject()) {
                d.set(map, oneLanguage(d.get(map), languages));
            }
        }
        for (String list : List.of("choices", "scale", "source", "target", "steps")) {
            for (JsonNode component : d.path(list)) {
                if (component.path("description").isObject()) {
                    ((ObjectNode) component).set("description", oneLanguage(component.get("description"), languages));
                }
            }
        }
    }

    private static JsonNode oneLanguage(JsonNode map, List<Locale.LanguageRange> languages) {
        if (map.size() <= 1) {
            return map;
        }
        List<String> tags = new ArrayList<>();
        map.fieldNames().forEachRemaining(tags::add);
        String chosen = null;
        if (!languages.isEmpty()) {
            List<Locale> locales = tags.stream().map(Locale::forLanguageTag).toList();
            Locale best = Locale.lookup(languages, locales);
            if (best != null) {
                chosen = tags.stream().filter(t -> Locale.forLanguageTag(t).equals(best)).findFirst().orElse(null);
            }
        }
        if (chosen == null) {
            // no preference that matches: the first language the statement gave
            chosen = tags.get(0);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set(chosen, map.get(chosen));
        return out;
    }

    static Iterator<JsonNode> elements(JsonNode arrayOrOne) {
        return arrayOrOne.isArray() ? arrayOrOne.elements() : List.of(arrayOrOne).iterator();
    }
}
