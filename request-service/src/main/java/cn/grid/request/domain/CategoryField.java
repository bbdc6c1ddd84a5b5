package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An extra field a category asks for (e.g. the vaccine of a vaccination booking). List types name their
 * allowed values; the others take free input of their type.
 */
public record CategoryField(String code, String name, FieldType datatype, boolean required, List<Value> values,
        int order) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    /** One allowed value of a list field: the key stored on the ticket and the label shown. */
    public record Value(String key, String name) {
    }

    public CategoryField {
        if (code == null || !CODE.matcher(code).matches()) {
            throw DomainProblem.invalid("fields.code", "lower-case letters, digits and _ (1-40), starting with a letter");
        }
        if (name == null || name.isBlank()) {
            throw DomainProblem.invalid("fields.name", "field " + code + " needs a name");
        }
        if (datatype == null) {
            throw DomainProblem.invalid("fields.datatype", "field " + code + " needs a datatype");
        }
        values = values == null ? List.of() : List.copyOf(values);
        boolean list = datatype == FieldType.SINGLE_VALUE_LIST || datatype == FieldType.MULTI_VALUE_LIST;
        if (list == values.isEmpty()) {
            throw DomainProblem.invalid("fields.values", list ? "list field " + code + " names its values"
                    : "only list fields name values (" + code + ")");
        }
        if (values.stream().map(Value::key).distinct().count() != values.size()) {
            throw DomainProblem.invalid("fields.values", "field " + code + " repeats a value key");
        }
    }

    /**
     * The input for this field, checked and normalised: a string (trimmed), a number (as text, so nothing is
     * lost), an ISO-8601 date-time, a key of the list, or a list of keys.
     */
    Object accept(Object input) {
        String where = "attributes." + code;
        switch (datatype) {
            case MULTI_VALUE_LIST -> {
                List<?> items = input instanceof List<?> l ? l : List.of(input);
                Set<String> keys = new LinkedHashSet<>();
                for (Object item : items) {
                    keys.add(requireKey(String.valueOf(item), where));
                }
                return new ArrayList<>(keys);
            }
            case SINGLE_VALUE_LIST -> {
                return requireKey(scalar(input, where), where);
            }
            case NUMBER -> {
                String text = scalar(input, where);
                try {
                    return new BigDecimal(text).toPlainString();
                } catch (NumberFormatException e) {
                    throw DomainProblem.invalid(where, "must be a number");
                }
            }
            case DATETIME -> {
                String text = scalar(input, where);
                try {
                    return OffsetDateTime.parse(text).toString();
                } catch (DateTimeParseException e) {
                    throw DomainProblem.invalid(where, "must be an ISO-8601 date-time with offset, e.g. 2026-12-01T09:00:00+08:00");
                }
            }
            default -> {
                String text = scalar(input, where);
                int max = datatype == FieldType.TEXT ? 4000 : 200;
                if (text.length() > max) {
                    throw DomainProblem.invalid(where, "at most " + max + " characters");
                }
                return text;
            }
        }
    }

    private String requireKey(String key, String where) {
        if (values.stream().noneMatch(v -> v.key().equals(key))) {
            throw DomainProblem.invalid(where, "'" + key + "' is not one of " + values.stream().map(Value::key).toList());
        }
        return key;
    }

    private static String scalar(Object input, String where) {
        if (input instanceof List<?> || input instanceof java.util.Map<?, ?>) {
            throw DomainProblem.invalid(where, "takes a single value");
        }
        String text = String.valueOf(input).strip();
        if (text.isEmpty()) {
            throw DomainProblem.invalid(where, "is empty");
        }
        return text;
    }
}
