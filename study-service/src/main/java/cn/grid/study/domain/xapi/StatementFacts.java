package cn.grid.study.domain.xapi;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What a statement is found by, read from its JSON once when it is stored.
 *
 * @param actorKey         the actor's inverse functional identifier as one key (see {@link AgentKeys})
 * @param agentKeys        every key the {@code agent} filter matches: actor, an Agent or Group object, and the members
 *                         of either when it is a Group
 * @param activityId       the object's id when the object is an Activity
 * @param refStatementId   the object's id when the object is a StatementRef (the filter rule for StatementRefs)
 * @param voidsStatementId the statement this one voids, when it is a voiding statement
 */
public record StatementFacts(UUID id, String verbId, String actorKey, List<String> agentKeys, String activityId,
        UUID refStatementId, UUID registration, OffsetDateTime timestamp, UUID voidsStatementId) {

    public static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";

    public StatementFacts {
        agentKeys = List.copyOf(agentKeys);
    }

    public boolean voiding() {
        return voidsStatementId != null;
    }
}
