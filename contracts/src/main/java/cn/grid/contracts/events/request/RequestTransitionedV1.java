package cn.grid.contracts.events.request;

import cn.grid.contracts.events.IntegrationEvent;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.OffsetDateTime;

/**
 * A ticket moved in its lifecycle. One shape for every move; the CloudEvents type names the move
 * ({@code cn.grid.request.signed.v1}, {@code cn.grid.request.rated.v1} ...). A {@code rated} event with
 * {@code satisfied} true carries what study-service needs to credit the member who signed the ticket:
 * {@code assignee} (their token subject), the ticket's type and grid, and the rating.
 *
 * <p>Since issue 18 a ticket is dispatched to a person or team of the registry by id: {@code dispatchPersonId} and
 * {@code dispatchTeamId} name it, and {@code assigneePersonId} is the person of the one who took it. All three are
 * null when they do not apply, and on events published before (consumers must accept their absence).
 */
public record RequestTransitionedV1(@JsonIgnore String type, String requestId, String requestType, String action,
        String fromStatus, String toStatus, String actor, String reason, String gridNodeId, String gridPath,
        String assignee, String dispatchTargetType, String dispatchTargetId, String outcome, Integer rating,
        Boolean satisfied, OffsetDateTime at, String dispatchPersonId, String dispatchTeamId,
        String assigneePersonId) implements IntegrationEvent {

    /** The event type of a move named by its past tense, e.g. {@code signed}. */
    public static String typeOf(String pastTense) {
        return "cn.grid.request." + pastTense + ".v1";
    }

    @Override
    public String eventType() {
        return type;
    }

    @Override
    public String aggregateId() {
        return requestId;
    }
}
