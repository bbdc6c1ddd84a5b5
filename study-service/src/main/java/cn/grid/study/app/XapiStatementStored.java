package cn.grid.study.app;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The extension point for turning xAPI statements into study records: fired by {@link XapiStatementService}
 * synchronously, inside the storing transaction, once for each statement newly stored (never for a duplicate sent
 * again, and also for voiding statements, whose verb says so). An observer
 * ({@code void on(@Observes XapiStatementStored stored)}) shares the transaction: if it throws, the statement
 * is not stored and the client gets the error. Nothing observes it yet.
 *
 * @param id         the statement id
 * @param verb       the verb id (IRI), e.g. {@code http://adlnet.gov/expapi/verbs/completed}
 * @param actorKey   the actor's identifier as one key ({@link cn.grid.study.domain.xapi.AgentKeys}); for an
 *                   anonymous Group {@code group:<member keys>}
 * @param activityId the object's id when the object is an Activity, otherwise null
 * @param timestamp  the statement's timestamp (set to {@code stored} when the client sent none)
 * @param json       the statement as stored (with id, stored, authority, timestamp, version)
 */
public record XapiStatementStored(UUID id, String verb, String actorKey, String activityId, OffsetDateTime timestamp,
        String json) {
}
