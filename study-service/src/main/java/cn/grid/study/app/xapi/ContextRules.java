package cn.grid.study.app.xapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.grid.study.app.xapi.Violations.at;

/**
 * The context (Data 2.4.6): a UUID {@code registration}, an {@code instructor} (an actor), a {@code team} (a Group),
 * {@code contextActivities} (parent, grouping, category, other — one Activity or an array of them), {@code revision}
 * and {@code platform} only for a statement about an Activity, an RFC 5646 {@code language}, a StatementRef
 * {@code statement}, extensions.
 */
final class ContextRules {

    private static final Set<String> CONTEXT = Set.of("registration", "instructor", "team", "contextActivities",
            "revision", "platform", "language", "statement", "extensions");
    private static final Set<String> CONTEXT_ACTIVITIES = Set.of("parent", "grouping", "category", "other");
    private static final Set<String> STATEMENT_REF = Set.of("objectType", "id");

    private final Violations v;
    private final ActorRules actors;
    private final ActivityRules activities;

    ContextRules(Violations v, ActorRules actors, ActivityRules activities) {
        this.v = v;
        this.actors = actors;
        this.activities = activities;
    }

    /** @param statementObject the object of the statement the context belongs to */
    void context(JsonNode c, String path, JsonNode statementObject) {
        if (!v.object(c, path, CONTEXT)) {
            return;
        }
        if (c.has("registration")) {
            v.uuid(c.get("registration"), at(path, "registration"));
        }
        if (c.has("instructor")) {
            actors.actor(c.get("instructor"), at(path, "instructor"));
        }
        if (c.has("team")) {
            if ("Group".equals(c.get("team").path("objectType").asText(null))) {
                actors.group(c.get("team"), at(path, "team"));
            } else {
                v.error(at(path, "team"), "must be a Group");
            }
        }
        if (c.has("contextActivities") && v.object(c.get("contextActivities"), at(path, "contextActivities"),
                CONTEXT_ACTIVITIES)) {
            contextActivities(c.get("contextActivities"), at(path, "contextActivities"));
        }
        String objectType = statementObject.path("objectType").asText("Activity");
        for (String s : List.of("revision", "platform")) {
            if (!c.has(s)) {
                continue;
            }
            if (!c.get(s).isTextual()) {
                v.error(at(path, s), "must be a string");
            } else if (!"Activity".equals(objectType)) {
                v.error(at(path, s), "is only allowed when the statement's object is an Activity");
            }
        }
        if (c.has("language") && !(c.get("language").isTextual()
                && Violations.LANGUAGE_TAG.matcher(c.get("language").asText()).matches())) {
            v.error(at(path, "language"), "must be an RFC 5646 language tag");
        }
        if (c.has("statement")) {
            statementRef(c.get("statement"), at(path, "statement"));
        }
        if (c.has("extensions")) {
            v.extensions(c.get("extensions"), at(path, "extensions"));
        }
    }

    private void contextActivities(JsonNode kinds, String path) {
        Iterator<Map.Entry<String, JsonNode>> each = kinds.fields();
        while (each.hasNext()) {
            Map.Entry<String, JsonNode> kind = each.next();
            String kp = at(path, kind.getKey());
            if (kind.getValue().isArray()) {
                for (int i = 0; i < kind.getValue().size(); i++) {
                    contextActivity(kind.getValue().get(i), kp + "[" + i + "]");
                }
            } else {
                contextActivity(kind.getValue(), kp);
            }
        }
    }

    private void contextActivity(JsonNode a, String path) {
        if (a.isObject() && a.has("objectType") && !"Activity".equals(a.get("objectType").asText(null))) {
            v.error(at(path, "objectType"), "context activities are Activities");
            return;
        }
        activities.activity(a, path);
    }

    private void statementRef(JsonNode ref, String path) {
        if (v.object(ref, path, STATEMENT_REF)) {
            if (!"StatementRef".equals(ref.path("objectType").asText(null))) {
                v.error(at(path, "objectType"), "must be StatementRef");
            }
            v.required(ref, path, "id");
            if (ref.has("id")) {
                v.uuid(ref.get("id"), at(path, "id"));
            }
        }
    }
}
