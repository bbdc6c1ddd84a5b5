package cn.grid.study.app.xapi;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.study.domain.xapi.StatementFacts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;

/**
 * The structure rules of xAPI 1.0.3 (Data part, section 2.4) for one statement: known properties only, no
 * {@code null} outside extensions, an actor with exactly one inverse functional identifier, IRIs where IRIs go,
 * UUIDs, ISO 8601 timestamps and durations, a {@code 1.0.x} version, a voiding statement pointing at a
 * StatementRef. Every violation is reported with its path ({@code actor.mbox}, {@code [2].object.id}).
 *
 * <p>The rules sit with the spec's parts: {@link StatementRules} (the statement, its object, SubStatements),
 * {@link ActorRules} (Agents, Groups, authority), {@link VerbRules}, {@link ActivityRules} (definitions and
 * interactions), {@link ResultRules}, {@link ContextRules}, {@link AttachmentRules}; {@link Violations} gathers what
 * they find and holds the value types they share.
 */
public final class XapiStatementValidator {

    private XapiStatementValidator() {
    }

    /**
     * Checks one statement and reads its facts; throws a 400 problem listing every violation.
     *
     * @param prefix where the statement sits in the request body ({@code ""}, or {@code "[2]."} in a batch)
     */
    public static StatementFacts check(JsonNode statement, String prefix) {
        Violations v = new Violations(prefix);
        new StatementRules(v).statement(statement);
        if (v.any()) {
            throw v.problem();
        }
        return StatementFactsReader.facts((ObjectNode) statement);
    }

    /** The key of an Agent or identified Group given as the {@code agent} parameter of GET statements. */
    public static String agentParameter(JsonNode agent) {
        Violations v = new Violations("agent.");
        new ActorRules(v).actor(agent, "");
        if (v.any()) {
            throw v.problem();
        }
        String key = ifiKey(agent);
        if (key == null) {
            throw DomainProblem.invalid("agent", "an anonymous Group cannot be a filter: it needs an identifier");
        }
        return key;
    }

    /** The key of an Agent or identified Group; null for an anonymous Group. */
    public static String ifiKey(JsonNode agentOrGroup) {
        return ActorRules.ifiKey(agentOrGroup);
    }

    /** An ISO 8601 / RFC 3339 date-time with offset; null when it is not one ({@code -00:00} is not). */
    public static OffsetDateTime parseTimestamp(String text) {
        return Violations.parseTimestamp(text);
    }
}
