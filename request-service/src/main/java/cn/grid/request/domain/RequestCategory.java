package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A category of the catalogue (水管破裂, 疫苗预约, 轮椅微心愿 ...): the ticket type it belongs to, the level that
 * answers for it by default, its time limits per stage, whether overdue tickets climb the tree on their own,
 * and the extra fields it asks for. The code doubles as the Open311 {@code service_code}.
 */
public record RequestCategory(String code, String name, String description, RequestType type,
        HandlingLevel handlingLevel, Sla sla, boolean autoEscalate, List<CategoryField> fields, String group,
        boolean active, long version) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    /**
     * Time limits (时限) from the start of each stage: 受理/首次响应 from submission, 签收 from each dispatch,
     * 办结 from submission (and afresh from a 重办).
     */
    public record Sla(Duration respondWithin, Duration signWithin, Duration resolveWithin) {
        public Sla {
            for (Duration d : new Duration[] {respondWithin, signWithin, resolveWithin}) {
                if (d == null || d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(365)) > 0) {
                    throw DomainProblem.invalid("sla", "each limit is between 1 minute and 365 days");
                }
            }
        }
    }

    public RequestCategory {
        if (code == null || !CODE.matcher(code).matches()) {
            throw DomainProblem.invalid("code", "lower-case letters, digits and '-' (2-63)");
        }
        if (name == null || name.isBlank()) {
            throw DomainProblem.invalid("name", "required");
        }
        if (type == null) {
            throw DomainProblem.invalid("type", "required");
        }
        if (handlingLevel == null) {
            throw DomainProblem.invalid("handlingLevel", "required");
        }
        if (sla == null) {
            throw DomainProblem.invalid("sla", "required");
        }
        for (RequestType t : RequestType.values()) {
            if (code.equals(generalCodeOf(t)) && (type != t || !active)) {
                throw DomainProblem.invalid("code", code + " is the general category of " + t
                        + ": it stays active and of that type");
            }
        }
        fields = fields == null ? List.of()
                : fields.stream().sorted(Comparator.comparingInt(CategoryField::order)).toList();
        if (fields.stream().map(CategoryField::code).distinct().count() != fields.size()) {
            throw DomainProblem.invalid("fields", "a field code appears twice");
        }
    }

    /** The general category of a type, used when a submission names only the type. */
    public static String generalCodeOf(RequestType type) {
        return type.name().toLowerCase().replace('_', '-') + "-other";
    }

    /**
     * The extra fields of a submission, checked against this category: unknown fields and missing required
     * ones are 400s; values come back normalised, in the catalogue's order.
     */
    public Map<String, Object> acceptAttributes(Map<String, ?> input) {
        Map<String, ?> given = input == null ? Map.of() : input;
        for (String key : given.keySet()) {
            if (fields.stream().noneMatch(f -> f.code().equals(key))) {
                throw DomainProblem.invalid("attributes." + key, "category " + code + " has no such field; it has "
                        + fields.stream().map(CategoryField::code).toList());
            }
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        for (CategoryField field : fields) {
            Object value = given.get(field.code());
            boolean missing = value == null || value instanceof String s && s.isBlank()
                    || value instanceof List<?> l && l.isEmpty();
            if (missing) {
                if (field.required()) {
                    throw DomainProblem.invalid("attributes." + field.code(), "required by category " + code);
                }
                continue;
            }
            accepted.put(field.code(), field.accept(value));
        }
        return accepted;
    }

    /** A copy with the version the store gave it. */
    public RequestCategory withVersion(long newVersion) {
        return new RequestCategory(code, name, description, type, handlingLevel, sla, autoEscalate, fields, group,
                active, newVersion);
    }
}
