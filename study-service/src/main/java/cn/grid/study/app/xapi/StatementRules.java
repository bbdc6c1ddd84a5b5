package cn.grid.study.app.xapi;

import cn.grid.study.domain.xapi.StatementFacts;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;
import java.util.regex.Pattern;

import static cn.grid.study.app.xapi.Violations.at;

/**
 * The statement and what it is made of (Data 2.4): a UUID {@code id}; {@code actor}, {@code verb} and {@code object}
 * required; the object an Activity, Agent, Group, StatementRef or SubStatement (which holds no SubStatement, Data
 * 2.4.4.3); result, context, timestamp and attachments shared with SubStatements; {@code stored}, {@code authority}
 * and a {@code 1.0.x} {@code version}; a voiding statement pointing at a StatementRef (Data 2.4.8). Each part is
 * checked by the rules of its own section.
 */
final class StatementRules {

    private static final Pattern VERSION = Pattern.compile("1\\.0(\\.\\d+)?");
    private static final Set<String> STATEMENT = Set.of("id", "actor", "verb", "object", "result", "context",
            "timestamp", "stored", "authority", "version", "attachments");
    private static final Set<String> SUB_STATEMENT = Set.of("objectType", "actor", "verb", "object", "result",
            "context", "timestamp", "attachments");
    private static final Set<String> STATEMENT_REF = Set.of("objectType", "id");

    private final Violations v;
    private final ActorRules actors;
    private final VerbRules verbs;
    private final ActivityRules activities;
    private final ResultRules results;
    private final ContextRules contexts;
    private final AttachmentRules attachments;

    StatementRules(Violations v) {
        this.v = v;
        this.actors = new ActorRules(v);
        this.verbs = new VerbRules(v);
        this.activities = new ActivityRules(v);
        this.results = new ResultRules(v);
        this.contexts = new ContextRules(v, actors, activities);
        this.attachments = new AttachmentRules(v);
    }

    void statement(JsonNode s) {
        if (!v.object(s, "", STATEMENT)) {
            return;
        }
        if (s.has("id")) {
            v.uuid(s.get("id"), "id");
        }
        v.required(s, "", "actor", "verb", "object");
        if (s.has("actor")) {
            actors.actor(s.get("actor"), "actor");
        }
        if (s.has("verb")) {
            verbs.verb(s.get("verb"), "verb");
        }
        if (s.has("object")) {
            statementObject(s.get("object"), "object", false);
        }
        common(s, "");
        if (s.has("stored")) {
            v.timestamp(s.get("stored"), "stored");
        }
        if (s.has("authority")) {
            actors.actor(s.get("authority"), "authority");
            actors.authority(s.get("authority"));
        }
        if (s.has("version") && !(s.get("version").isTextual() && VERSION.matcher(s.get("version").asText()).matches())) {
            v.error("version", "must be 1.0.x");
        }
        if (s.path("verb").path("id").asText("").equals(StatementFacts.VOIDED)
                && !"StatementRef".equals(s.path("object").path("objectType").asText(null))) {
            v.error("object", "a voiding statement's object must be a StatementRef to the statement it voids");
        }
    }

    /** What statements and sub-statements share: result, context, timestamp, attachments. */
    private void common(JsonNode s, String path) {
        if (s.has("result")) {
            results.result(s.get("result"), at(path, "result"));
        }
        if (s.has("context")) {
            contexts.context(s.get("context"), at(path, "context"), s.path("object"));
        }
        if (s.has("timestamp")) {
            v.timestamp(s.get("timestamp"), at(path, "timestamp"));
        }
        if (s.has("attachments")) {
            attachments.attachments(s.get("attachments"), at(path, "attachments"));
        }
    }

    private void statementObject(JsonNode o, String path, boolean inSubStatement) {
        if (!o.isObject()) {
            v.error(path, "must be an object");
            return;
        }
        String type = o.has("objectType") ? o.get("objectType").asText(null) : "Activity";
        if (type == null) {
            v.error(at(path, "objectType"), "must be a string");
            return;
        }
        switch (type) {
            case "Activity" -> activities.activity(o, path);
            case "Agent" -> actors.agent(o, path);
            case "Group" -> actors.group(o, path);
            case "StatementRef" -> {
                if (v.object(o, path, STATEMENT_REF)) {
                    v.required(o, path, "id");
                    if (o.has("id")) {
                        v.uuid(o.get("id"), at(path, "id"));
                    }
                }
            }
            case "SubStatement" -> {
                if (inSubStatement) {
                    v.error(at(path, "objectType"), "a SubStatement cannot contain a SubStatement");
                } else {
                    subStatement(o, path);
                }
            }
            default -> v.error(at(path, "objectType"),
                    "must be Activity, Agent, Group, StatementRef or SubStatement, not " + type);
        }
    }

    private void subStatement(JsonNode s, String path) {
        if (!v.object(s, path, SUB_STATEMENT)) {
            return;
        }
        v.required(s, path, "actor", "verb", "object");
        if (s.has("actor")) {
            actors.actor(s.get("actor"), at(path, "actor"));
        }
        if (s.has("verb")) {
            verbs.verb(s.get("verb"), at(path, "verb"));
        }
        if (s.has("object")) {
            statementObject(s.get("object"), at(path, "object"), true);
        }
        common(s, path);
    }
}
