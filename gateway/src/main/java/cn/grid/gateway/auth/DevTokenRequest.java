package cn.grid.gateway.auth;

import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.Roles;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a dev token is asked for. Read from the JSON tree by hand rather than bound, so every mistake in the
 * body comes back as a field error at once, in the same shape the services use.
 *
 * @param gridScope the grid node the token is bound to, or null for an unbound token
 */
public record DevTokenRequest(String subject, Set<String> roles, String gridScope) {

    static final int MAX_LENGTH = 100;
    /**
     * The realm roles a dev token may carry, and the registry roles older clients still ask for: the services drop
     * the latter (the registry decides who is a grid worker, a party member or an organisation administrator), so
     * asking for them grants nothing.
     */
    static final List<String> KNOWN_ROLES = List.of(Roles.CITIZEN, Roles.STAFF, Roles.GRID_WORKER,
            Roles.PARTY_MEMBER, Roles.ORG_ADMIN, Roles.DISTRICT_ADMIN, Roles.SERVICE);
    private static final Set<String> FIELDS = Set.of("subject", "roles", "gridScope");

    /** The request in {@code body}, or null with {@code errors} filled in. */
    static DevTokenRequest read(JsonNode body, List<Problem.FieldError> errors) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new Problem.FieldError(name, "is not a known field"));
            }
        }
        String subject = text(body.get("subject"), "subject", false, errors);
        Set<String> roles = roles(body.get("roles"), errors);
        String gridScope = text(body.get("gridScope"), "gridScope", true, errors);
        return errors.isEmpty() ? new DevTokenRequest(subject, roles, gridScope) : null;
    }

    private static String text(JsonNode node, String field, boolean nullable, List<Problem.FieldError> errors) {
        if (node == null || node.isNull()) {
            if (!nullable) {
                errors.add(new Problem.FieldError(field, "must not be blank"));
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new Problem.FieldError(field, nullable ? "must be a string or null" : "must be a string"));
            return null;
        }
        String value = node.textValue().strip();
        if (value.isEmpty()) {
            errors.add(new Problem.FieldError(field, nullable ? "must not be blank (null for none)"
                    : "must not be blank"));
        } else if (value.length() > MAX_LENGTH) {
            errors.add(new Problem.FieldError(field, "must be at most " + MAX_LENGTH + " characters"));
        }
        return value;
    }

    private static Set<String> roles(JsonNode node, List<Problem.FieldError> errors) {
        if (node == null || node.isNull() || node.isArray() && node.isEmpty()) {
            errors.add(new Problem.FieldError("roles", "must name at least one role"));
            return Set.of();
        }
        if (!node.isArray()) {
            errors.add(new Problem.FieldError("roles", "must be an array of role names"));
            return Set.of();
        }
        Set<String> roles = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode role = node.get(i);
            if (role.isTextual() && KNOWN_ROLES.contains(role.textValue())) {
                roles.add(role.textValue());
            } else {
                errors.add(new Problem.FieldError("roles[" + i + "]",
                        "must be one of " + String.join(", ", KNOWN_ROLES)));
            }
        }
        return roles;
    }
}
