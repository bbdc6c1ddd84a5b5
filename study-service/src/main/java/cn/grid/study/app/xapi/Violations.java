package cn.grid.study.app.xapi;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one validation found, and the value types every part of a statement uses (Data 4: IRIs, UUIDs, language
 * maps, extensions, ISO 8601 timestamps) and the object rule the spec applies throughout (known properties only,
 * no {@code null}). Each violation is kept with its path ({@code actor.mbox}, {@code [2].object.id}), at most 20.
 */
final class Violations {

    static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Pattern IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+");
    static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})");

    private static final int MAX_ERRORS = 20;

    private final List<Problem.FieldError> errors = new ArrayList<>();
    private final String prefix;

    /** @param prefix where the statement sits in the request body ({@code ""}, {@code "[2]."}, {@code "agent."}) */
    Violations(String prefix) {
        this.prefix = prefix;
    }

    boolean any() {
        return !errors.isEmpty();
    }

    /** The 400 problem listing every violation found. */
    DomainProblem problem() {
        StringBuilder detail = new StringBuilder("the statement is not valid xAPI 1.0.3: ");
        for (int i = 0; i < errors.size(); i++) {
            detail.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(": ").append(errors.get(i).message());
        }
        return new DomainProblem(ProblemType.VALIDATION, detail.toString(), List.copyOf(errors));
    }

    void error(String path, String message) {
        if (errors.size() < MAX_ERRORS) {
            String field = (prefix + path);
            errors.add(new Problem.FieldError(field.isEmpty() ? "statement" : field.replaceAll("\\.$", ""), message));
        }
    }

    static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** An object with only {@code allowed} keys and no null values; false when it is not an object at all. */
    boolean object(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            error(path, node == null || node.isNull() ? "must not be null" : "must be an object");
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!allowed.contains(field.getKey())) {
                error(at(path, field.getKey()), "is not a property here");
            } else if (field.getValue().isNull()) {
                error(at(path, field.getKey()), "must not be null");
            }
        }
        return true;
    }

    void required(JsonNode node, String path, String... keys) {
        for (String key : keys) {
            if (!node.has(key)) {
                error(at(path, key), "is required");
            }
        }
    }

    void uuid(JsonNode v, String path) {
        if (!v.isTextual() || !UUID_TEXT.matcher(v.asText()).matches()) {
            error(path, "must be a UUID");
        }
    }

    void iri(JsonNode v, String path) {
        if (!v.isTextual() || !IRI.matcher(v.asText()).matches()) {
            error(path, "must be an absolute IRI");
        }
    }

    void timestamp(JsonNode v, String path) {
        if (!v.isTextual() || parseTimestamp(v.asText()) == null) {
            error(path, "must be an ISO 8601 date-time with a time zone (2026-11-20T19:30:00+08:00)");
        }
    }

    void languageMap(JsonNode map, String path) {
        if (!map.isObject()) {
            error(path, "must be a language map");
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!LANGUAGE_TAG.matcher(field.getKey()).matches()) {
                error(at(path, field.getKey()), "is not an RFC 5646 language tag");
            } else if (!field.getValue().isTextual()) {
                error(at(path, field.getKey()), "must be a string");
            }
        }
    }

    void extensions(JsonNode map, String path) {
        if (!map.isObject()) {
            error(path, "must be an object");
            return;
        }
        Iterator<String> keys = map.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!IRI.matcher(key).matches()) {
                error(at(path, key), "an extension key must be an absolute IRI");
            }
        }
    }

    /** An ISO 8601 / RFC 3339 date-time with offset; {@code -00:00} (an unknown offset) is refused. */
    static OffsetDateTime parseTimestamp(String text) {
        if (!TIMESTAMP.matcher(text).matches() || text.endsWith("-00:00") || text.endsWith("-0000")) {
            return null;
        }
        String normal = text.matches(".*[+-]\\d{4}$")
                ? text.substring(0, text.length() - 2) + ":" + text.substring(text.length() - 2) : text;
        try {
            return OffsetDateTime.parse(normal);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
