package cn.grid.study.app;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.study.domain.xapi.AgentKeys;
import cn.grid.study.domain.xapi.StatementFacts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The structure rules of xAPI 1.0.3 (Data part, section 2.4) for one statement: known properties only, no
 * {@code null} outside extensions, an actor with exactly one inverse functional identifier, IRIs where IRIs go,
 * UUIDs, ISO 8601 timestamps and durations, a {@code 1.0.x} version, a voiding statement pointing at a
 * StatementRef. Every violation is reported with its path ({@code actor.mbox}, {@code [2].object.id}).
 */
final class XapiStatementValidator {

    static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+");
    private static final Pattern MAILTO = Pattern.compile("mailto:[^\\s@]+@[^\\s@]+");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");
    /** ISO 8601 durations: PnYnMnDTnHnMnS, or PnW alone (weeks combine with no other unit). */
    private static final Pattern DURATION = Pattern.compile(
            "P(?=\\d|T\\d)(\\d+(\\.\\d+)?Y)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?D)?"
                    + "(T(?=\\d)(\\d+(\\.\\d+)?H)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?S)?)?|P\\d+(\\.\\d+)?W");
    private static final Pattern VERSION = Pattern.compile("1\\.0(\\.\\d+)?");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})");

    private static final Set<String> STATEMENT = Set.of("id", "actor", "verb", "object", "result", "context",
            "timestamp", "stored", "authority", "version", "attachments");
    private static final Set<String> SUB_STATEMENT = Set.of("objectType", "actor", "verb", "object", "result",
            "context", "timestamp", "attachments");
    private static final Set<String> AGENT = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account");
    private static final Set<String> GROUP = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account",
            "member");
    private static final Set<String> IFIS = Set.of("mbox", "mbox_sha1sum", "openid", "account");
    private static final Set<String> ACCOUNT = Set.of("homePage", "name");
    private static final Set<String> VERB = Set.of("id", "display");
    private static final Set<String> ACTIVITY = Set.of("objectType", "id", "definition");
    private static final Set<String> DEFINITION = Set.of("name", "description", "type", "moreInfo", "interactionType",
            "correctResponsesPattern", "choices", "scale", "source", "target", "steps", "extensions");
    private static final Set<String> INTERACTION_TYPES = Set.of("true-false", "choice", "fill-in", "long-fill-in",
            "matching", "performance", "sequencing", "likert", "numeric", "other");
    private static final Set<String> COMPONENT = Set.of("id", "description");
    private static final Set<String> STATEMENT_REF = Set.of("objectType", "id");
    private static final Set<String> RESULT = Set.of("score", "success", "completion", "response", "duration",
            "extensions");
    private static final Set<String> SCORE = Set.of("scaled", "raw", "min", "max");
    private static final Set<String> CONTEXT = Set.of("registration", "instructor", "team", "contextActivities",
            "revision", "platform", "language", "statement", "extensions");
    private static final Set<String> CONTEXT_ACTIVITIES = Set.of("parent", "grouping", "category", "other");
    private static final Set<String> ATTACHMENT = Set.of("usageType", "display", "description", "contentType",
            "length", "sha2", "fileUrl");

    private static final int MAX_ERRORS = 20;

    private final List<Problem.FieldError> errors = new ArrayList<>();
    private final String prefix;

    private XapiStatementValidator(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Checks one statement and reads its facts; throws a 400 problem listing every violation.
     *
     * @param prefix where the statement sits in the request body ({@code ""}, or {@code "[2]."} in a batch)
     */
    static StatementFacts check(JsonNode statement, String prefix) {
        XapiStatementValidator v = new XapiStatementValidator(prefix);
        v.statement(statement);
        if (!v.errors.isEmpty()) {
            throw v.problem();
        }
        return facts((ObjectNode) statement);
    }

    /** The key of an Agent or identified Group given as the {@code agent} parameter of GET statements. */
    static String agentParameter(JsonNode agent) {
        XapiStatementValidator v = new XapiStatementValidator("agent.");
        v.actor(agent, "");
        if (!v.errors.isEmpty()) {
            throw v.problem();
        }
        String key = ifiKey(agent);
        if (key == null) {
            throw DomainProblem.invalid("agent", "an anonymous Group cannot be a filter: it needs an identifier");
        }
        return key;
    }

    private DomainProblem problem() {
        StringBuilder detail = new StringBuilder("the statement is not valid xAPI 1.0.3: ");
        for (int i = 0; i < errors.size(); i++) {
            detail.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(": ").append(errors.get(i).message());
        }
        return new DomainProblem(ProblemType.VALIDATION, detail.toString(), List.copyOf(errors));
    }

    private void error(String path, String message) {
        if (errors.size() < MAX_ERRORS) {
            String field = (prefix + path);
            errors.add(new Problem.FieldError(field.isEmpty() ? "statement" : field.replaceAll("\\.$", ""), message));
        }
    }

    private static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    // ---- statement ---------------------------------------------------------------------------------------------

    private void statement(JsonNode s) {
        if (!object(s, "", STATEMENT)) {
            return;
        }
        if (s.has("id")) {
            uuid(s.get("id"), "id");
        }
        required(s, "", "actor", "verb", "object");
        if (s.has("actor")) {
            actor(s.get("actor"), "actor");
        }
        if (s.has("verb")) {
            verb(s.get("verb"), "verb");
        }
        if (s.has("object")) {
            statementObject(s.get("object"), "object", false);
        }
        common(s, "");
        if (s.has("stored")) {
            timestamp(s.get("stored"), "stored");
        }
        if (s.has("authority")) {
            actor(s.get("authority"), "authority");
            authority(s.get("authority"));
        }
        if (s.has("version") && !(s.get("version").isTextual() && VERSION.matcher(s.get("version").asText()).matches())) {
            error("version", "must be 1.0.x");
        }
        if (s.path("verb").path("id").asText("").equals(StatementFacts.VOIDED)
                && !"StatementRef".equals(s.path("object").path("objectType").asText(null))) {
            error("object", "a voiding statement's object must be a StatementRef to the statement it voids");
        }
    }

    /** What statements and sub-statements share: result, context, timestamp, attachments. */
    private void common(JsonNode s, String path) {
        if (s.has("result")) {
            result(s.get("result"), at(path, "result"));
        }
        if (s.has("context")) {
            context(s.get("context"), at(path, "context"), s.path("object"));
        }
        if (s.has("timestamp")) {
            timestamp(s.get("timestamp"), at(path, "timestamp"));
        }
        if (s.has("attachments")) {
            attachments(s.get("attachments"), at(path, "attachments"));
        }
    }

    private void statementObject(JsonNode o, String path, boolean inSubStatement) {
        if (!o.isObject()) {
            error(path, "must be an object");
            return;
        }
        String type = o.has("objectType") ? o.get("objectType").asText(null) : "Activity";
        if (type == null) {
            error(at(path, "objectType"), "must be a string");
            return;
        }
        switch (type) {
            case "Activity" -> activity(o, path);
            case "Agent" -> agent(o, path);
            case "Group" -> group(o, path);
            case "StatementRef" -> {
                if (object(o, path, STATEMENT_REF)) {
                    required(o, path, "id");
                    if (o.has("id")) {
                        uuid(o.get("id"), at(path, "id"));
                    }
                }
            }
            case "SubStatement" -> {
                if (inSubStatement) {
                    error(at(path, "objectType"), "a SubStatement cannot contain a SubStatement");
                } else {
                    subStatement(o, path);
                }
            }
            default -> error(at(path, "objectType"),
                    "must be Activity, Agent, Group, StatementRef or SubStatement, not " + type);
        }
    }

    private void subStatement(JsonNode s, String path) {
        if (!object(s, path, SUB_STATEMENT)) {
            return;
        }
        required(s, path, "actor", "verb", "object");
        if (s.has("actor")) {
            actor(s.get("actor"), at(path, "actor"));
        }
        if (s.has("verb")) {
            verb(s.get("verb"), at(path, "verb"));
        }
        if (s.has("object")) {
            statementObject(s.get("object"), at(path, "object"), true);
        }
        common(s, path);
    }

    // ---- agents and groups -------------------------------------------------------------------------------------

    private void actor(JsonNode a, String path) {
        if (a.isObject() && "Group".equals(a.path("objectType").asText(null))) {
            group(a, path);
        } else {
            agent(a, path);
        }
    }

    /**
     * An authority is an Agent, or (OAuth 1.0: the application and the user) an anonymous Group of exactly two Agents
     * (Data 2.4.9). The LRS replaces it, but a statement sent with an impossible one is still not valid.
     */
    private void authority(JsonNode a) {
        if (!a.isObject() || !"Group".equals(a.path("objectType").asText(null))) {
            return;
        }
        if (ifiCount(a) > 0) {
            error("authority", "a Group authority is anonymous (no mbox, mbox_sha1sum, openid or account)");
        }
        if (!a.path("member").isArray() || a.path("member").size() != 2) {
            error(at("authority", "member"), "a Group authority has exactly two Agents (the OAuth consumer and user)");
        }
    }

    private static int ifiCount(JsonNode a) {
        int n = 0;
        for (String ifi : List.of("mbox", "mbox_sha1sum", "openid", "account")) {
            n += a.has(ifi) ? 1 : 0;
        }
        return n;
    }

    private void agent(JsonNode a, String path) {
        if (!object(a, path, AGENT)) {
            return;
        }
        if (a.has("objectType") && !"Agent".equals(a.get("objectType").asText(null))) {
            error(at(path, "objectType"), "must be Agent");
        }
        name(a, path);
        int ifis = ifis(a, path);
        if (ifis != 1) {
            error(path.isEmpty() ? "" : path, "an Agent needs exactly one of mbox, mbox_sha1sum, openid, account, not "
                    + ifis);
        }
    }

    private void group(JsonNode g, String path) {
        if (!object(g, path, GROUP)) {
            return;
        }
        name(g, path);
        int ifis = ifis(g, path);
        if (ifis > 1) {
            error(path, "a Group has at most one of mbox, mbox_sha1sum, openid, account, not " + ifis);
        }
        JsonNode member = g.get("member");
        if (member == null) {
            if (ifis == 0) {
                error(at(path, "member"), "an anonymous Group must list its members");
            }
            return;
        }
        if (!member.isArray() || ifis == 0 && member.isEmpty()) {
            error(at(path, "member"), ifis == 0 ? "an anonymous Group must list at least one member"
                    : "must be an array of Agents");
            return;
        }
        for (int i = 0; i < member.size(); i++) {
            JsonNode m = member.get(i);
            if ("Group".equals(m.path("objectType").asText(null))) {
                error(at(path, "member") + "[" + i + "]", "a Group's members are Agents");
            } else {
                agent(m, at(path, "member") + "[" + i + "]");
            }
        }
    }

    private void name(JsonNode a, String path) {
        if (a.has("name") && !a.get("name").isTextual()) {
            error(at(path, "name"), "must be a string");
        }
    }

    private int ifis(JsonNode a, String path) {
        int count = 0;
        for (String ifi : IFIS) {
            if (!a.has(ifi)) {
                continue;
            }
            count++;
            JsonNode v = a.get(ifi);
            switch (ifi) {
                case "mbox" -> {
                    if (!v.isTextual() || !MAILTO.matcher(v.asText()).matches()) {
                        error(at(path, ifi), "must be a mailto: IRI");
                    }
                }
                case "mbox_sha1sum" -> {
                    if (!v.isTextual() || !SHA1.matcher(v.asText()).matches()) {
                        error(at(path, ifi), "must be the hex SHA-1 of a mailto: IRI");
                    }
                }
                case "openid" -> iri(v, at(path, ifi));
                default -> {
                    if (object(v, at(path, ifi), ACCOUNT)) {
                        required(v, at(path, ifi), "homePage", "name");
                        if (v.has("homePage")) {
                            iri(v.get("homePage"), at(at(path, ifi), "homePage"));
                        }
                        if (v.has("name") && !v.get("name").isTextual()) {
                            error(at(at(path, ifi), "name"), "must be a string");
                        }
                    }
                }
            }
        }
        return count;
    }

    // ---- verbs, activities -------------------------------------------------------------------------------------

    private void verb(JsonNode v, String path) {
        if (!object(v, path, VERB)) {
            return;
        }
        required(v, path, "id");
        if (v.has("id")) {
            iri(v.get("id"), at(path, "id"));
        }
        if (v.has("display")) {
            languageMap(v.get("display"), at(path, "display"));
        }
    }

    private void activity(JsonNode a, String path) {
        if (!object(a, path, ACTIVITY)) {
            return;
        }
        required(a, path, "id");
        if (a.has("id")) {
            iri(a.get("id"), at(path, "id"));
        }
        if (!a.has("definition")) {
            return;
        }
        JsonNode d = a.get("definition");
        String dp = at(path, "definition");
        if (!object(d, dp, DEFINITION)) {
            return;
        }
        for (String map : List.of("name", "description")) {
            if (d.has(map)) {
                languageMap(d.get(map), at(dp, map));
            }
        }
        if (d.has("type")) {
            iri(d.get("type"), at(dp, "type"));
        }
        if (d.has("moreInfo")) {
            iri(d.get("moreInfo"), at(dp, "moreInfo"));
        }
        if (d.has("interactionType") && !INTERACTION_TYPES.contains(d.get("interactionType").asText(""))) {
            error(at(dp, "interactionType"), "must be one of " + INTERACTION_TYPES);
        }
        if (!d.has("interactionType")) {
            for (String property : List.of("correctResponsesPattern", "choices", "scale", "source", "target", "steps")) {
                if (d.has(property)) {
                    error(at(dp, "interactionType"), "is required with " + property + " (Data 2.4.4.1.1)");
                    break;
                }
            }
        }
        if (d.has("correctResponsesPattern")) {
            JsonNode c = d.get("correctResponsesPattern");
            if (!c.isArray()) {
                error(at(dp, "correctResponsesPattern"), "must be an array of strings");
            } else {
                for (int i = 0; i < c.size(); i++) {
                    if (!c.get(i).isTextual()) {
                        error(at(dp, "correctResponsesPattern") + "[" + i + "]", "must be a string");
                    }
                }
            }
        }
        for (String list : List.of("choices", "scale", "source", "target", "steps")) {
            if (!d.has(list)) {
                continue;
            }
            JsonNode components = d.get(list);
            if (!components.isArray()) {
                error(at(dp, list), "must be an array of interaction components");
                continue;
            }
            for (int i = 0; i < components.size(); i++) {
                String cp = at(dp, list) + "[" + i + "]";
                JsonNode component = components.get(i);
                if (object(component, cp, COMPONENT)) {
                    required(component, cp, "id");
                    if (component.has("id") && !component.get("id").isTextual()) {
                        error(at(cp, "id"), "must be a string");
                    }
                    if (component.has("description")) {
                        languageMap(component.get("description"), at(cp, "description"));
                    }
                }
            }
        }
        if (d.has("extensions")) {
            extensions(d.get("extensions"), at(dp, "extensions"));
        }
    }

    // ---- result, context, attachments --------------------------------------------------------------------------

    private void result(JsonNode r, String path) {
        if (!object(r, path, RESULT)) {
            return;
        }
        if (r.has("score") && object(r.get("score"), at(path, "score"), SCORE)) {
            JsonNode score = r.get("score");
            for (String n : SCORE) {
                if (score.has(n) && !score.get(n).isNumber()) {
                    error(at(at(path, "score"), n), "must be a number");
                }
            }
            if (score.path("scaled").isNumber()
                    && (score.get("scaled").asDouble() < -1 || score.get("scaled").asDouble() > 1)) {
                error(at(at(path, "score"), "scaled"), "must be between -1 and 1");
            }
            double min = score.path("min").asDouble(Double.NEGATIVE_INFINITY);
            double max = score.path("max").asDouble(Double.POSITIVE_INFINITY);
            if (min > max) {
                error(at(path, "score"), "min is greater than max");
            }
            if (score.path("raw").isNumber() && (score.get("raw").asDouble() < min || score.get("raw").asDouble() > max)) {
                error(at(at(path, "score"), "raw"), "must lie between min and max");
            }
        }
        for (String b : List.of("success", "completion")) {
            if (r.has(b) && !r.get(b).isBoolean()) {
                error(at(path, b), "must be true or false");
            }
        }
        if (r.has("response") && !r.get("response").isTextual()) {
            error(at(path, "response"), "must be a string");
        }
        if (r.has("duration") && !(r.get("duration").isTextual() && DURATION.matcher(r.get("duration").asText()).matches())) {
            error(at(path, "duration"), "must be an ISO 8601 duration (PT1H30M)");
        }
        if (r.has("extensions")) {
            extensions(r.get("extensions"), at(path, "extensions"));
        }
    }

    private void context(JsonNode c, String path, JsonNode statementObject) {
        if (!object(c, path, CONTEXT)) {
            return;
        }
        if (c.has("registration")) {
            uuid(c.get("registration"), at(path, "registration"));
        }
        if (c.has("instructor")) {
            actor(c.get("instructor"), at(path, "instructor"));
        }
        if (c.has("team")) {
            if ("Group".equals(c.get("team").path("objectType").asText(null))) {
                group(c.get("team"), at(path, "team"));
            } else {
                error(at(path, "team"), "must be a Group");
            }
        }
        if (c.has("contextActivities") && object(c.get("contextActivities"), at(path, "contextActivities"),
                CONTEXT_ACTIVITIES)) {
            Iterator<Map.Entry<String, JsonNode>> kinds = c.get("contextActivities").fields();
            while (kinds.hasNext()) {
                Map.Entry<String, JsonNode> kind = kinds.next();
                String kp = at(at(path, "contextActivities"), kind.getKey());
                if (kind.getValue().isArray()) {
                    for (int i = 0; i < kind.getValue().size(); i++) {
                        contextActivity(kind.getValue().get(i), kp + "[" + i + "]");
                    }
                } else {
                    contextActivity(kind.getValue(), kp);
                }
            }
        }
        String objectType = statementObject.path("objectType").asText("Activity");
        for (String s : List.of("revision", "platform")) {
            if (!c.has(s)) {
                continue;
            }
            if (!c.get(s).isTextual()) {
                error(at(path, s), "must be a string");
            } else if (!"Activity".equals(objectType)) {
                error(at(path, s), "is only allowed when the statement's object is an Activity");
            }
        }
        if (c.has("language") && !(c.get("language").isTextual()
                && LANGUAGE_TAG.matcher(c.get("language").asText()).matches())) {
            error(at(path, "language"), "must be an RFC 5646 language tag");
        }
        if (c.has("statement")) {
            JsonNode ref = c.get("statement");
            if (object(ref, at(path, "statement"), STATEMENT_REF)) {
                if (!"StatementRef".equals(ref.path("objectType").asText(null))) {
                    error(at(at(path, "statement"), "objectType"), "must be StatementRef");
                }
                required(ref, at(path, "statement"), "id");
                if (ref.has("id")) {
                    uuid(ref.get("id"), at(at(path, "statement"), "id"));
                }
            }
        }
        if (c.has("extensions")) {
            extensions(c.get("extensions"), at(path, "extensions"));
        }
    }

    private void contextActivity(JsonNode a, String path) {
        if (a.isObject() && a.has("objectType") && !"Activity".equals(a.get("objectType").asText(null))) {
            error(at(path, "objectType"), "context activities are Activities");
            return;
        }
        activity(a, path);
    }

    private void attachments(JsonNode list, String path) {
        if (!list.isArray()) {
            error(path, "must be an array");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String ap = path + "[" + i + "]";
            JsonNode a = list.get(i);
            if (!object(a, ap, ATTACHMENT)) {
                continue;
            }
            required(a, ap, "usageType", "display", "contentType", "length", "sha2");
            if (a.has("usageType")) {
                iri(a.get("usageType"), at(ap, "usageType"));
            }
            if (a.has("display")) {
                languageMap(a.get("display"), at(ap, "display"));
            }
            if (a.has("description")) {
                languageMap(a.get("description"), at(ap, "description"));
            }
            for (String text : List.of("contentType", "sha2")) {
                if (a.has(text) && !a.get(text).isTextual()) {
                    error(at(ap, text), "must be a string");
                }
            }
            if (a.has("contentType") && a.get("contentType").isTextual()
                    && !a.get("contentType").asText().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\\s*;.*)?")) {
                error(at(ap, "contentType"), "must be an Internet media type (type/subtype)");
            }
            if (a.has("length") && !a.get("length").canConvertToLong()) {
                error(at(ap, "length"), "must be an integer");
            }
            if (a.has("fileUrl")) {
                iri(a.get("fileUrl"), at(ap, "fileUrl"));
            } else {
                error(at(ap, "fileUrl"), "is required here: this LRS does not take attachment data (multipart/mixed),"
                        + " only attachments that point to their data");
            }
        }
    }

    // ---- values ------------------------------------------------------------------------------------------------

    /** An object with only {@code allowed} keys and no null values; false when it is not an object at all. */
    private boolean object(JsonNode node, String path, Set<String> allowed) {
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

    private void required(JsonNode node, String path, String... keys) {
        for (String key : keys) {
            if (!node.has(key)) {
                error(at(path, key), "is required");
            }
        }
    }

    private void uuid(JsonNode v, String path) {
        if (!v.isTextual() || !UUID_TEXT.matcher(v.asText()).matches()) {
            error(path, "must be a UUID");
        }
    }

    private void iri(JsonNode v, String path) {
        if (!v.isTextual() || !IRI.matcher(v.asText()).matches()) {
            error(path, "must be an absolute IRI");
        }
    }

    private void timestamp(JsonNode v, String path) {
        if (!v.isTextual() || parseTimestamp(v.asText()) == null) {
            error(path, "must be an ISO 8601 date-time with a time zone (2026-11-20T19:30:00+08:00)");
        }
    }

    private void languageMap(JsonNode map, String path) {
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

    private void extensions(JsonNode map, String path) {
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

    // ---- facts -------------------------------------------------------------------------------------------------

    private static StatementFacts facts(ObjectNode s) {
        JsonNode object = s.get("object");
        String objectType = object.path("objectType").asText("Activity");
        List<String> agentKeys = new ArrayList<>();
        addKeys(s.get("actor"), agentKeys);
        if ("Agent".equals(objectType) || "Group".equals(objectType)) {
            addKeys(object, agentKeys);
        }
        String verb = s.get("verb").get("id").asText();
        UUID ref = "StatementRef".equals(objectType) ? UUID.fromString(object.get("id").asText()) : null;
        JsonNode registration = s.path("context").path("registration");
        return new StatementFacts(s.has("id") ? UUID.fromString(s.get("id").asText()) : null, verb,
                ifiKeyOrMembers(s.get("actor")), agentKeys,
                "Activity".equals(objectType) ? object.get("id").asText() : null, ref,
                registration.isTextual() ? UUID.fromString(registration.asText()) : null,
                s.has("timestamp") ? parseTimestamp(s.get("timestamp").asText()) : null,
                StatementFacts.VOIDED.equals(verb) ? ref : null);
    }

    private static void addKeys(JsonNode agentOrGroup, List<String> keys) {
        String key = ifiKey(agentOrGroup);
        if (key != null && !keys.contains(key)) {
            keys.add(key);
        }
        for (JsonNode member : agentOrGroup.path("member")) {
            String memberKey = ifiKey(member);
            if (memberKey != null && !keys.contains(memberKey)) {
                keys.add(memberKey);
            }
        }
    }

    /** The actor's key; an anonymous Group has none, so its members' keys stand for it. */
    private static String ifiKeyOrMembers(JsonNode actor) {
        String key = ifiKey(actor);
        if (key != null) {
            return key;
        }
        List<String> members = new ArrayList<>();
        for (JsonNode member : actor.path("member")) {
            members.add(ifiKey(member));
        }
        members.sort(null);
        return "group:" + String.join(",", members);
    }

    static String ifiKey(JsonNode a) {
        if (a.has("mbox")) {
            return AgentKeys.mbox(a.get("mbox").asText());
        }
        if (a.has("mbox_sha1sum")) {
            return AgentKeys.mboxSha1sum(a.get("mbox_sha1sum").asText());
        }
        if (a.has("openid")) {
            return AgentKeys.openid(a.get("openid").asText());
        }
        if (a.has("account")) {
            return AgentKeys.account(a.get("account").get("homePage").asText(), a.get("account").get("name").asText());
        }
        return null;
    }
}
