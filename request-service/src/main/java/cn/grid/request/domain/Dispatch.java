package cn.grid.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.util.UUID;

/**
 * 派单: whom the ticket was last sent to — a GRID (its node id), a PERSON or TEAM of the registry (their id, with
 * the registry's name) or a named DEPARTMENT. {@link #NONE} before the first dispatch.
 *
 * @param personId the registry's person (null: not to a person, or to a login before issue 18)
 * @param teamId the registry's team
 */
@Embeddable
public record Dispatch(
        @Enumerated(EnumType.STRING) @Column(name = "dispatch_target_type") DispatchTarget targetType,
        @Column(name = "dispatch_target_id") String targetId,
        @Column(name = "dispatch_target_name") String targetName,
        @Column(name = "dispatch_person_id") UUID personId,
        @Column(name = "dispatch_team_id") UUID teamId) {

    public static final Dispatch NONE = new Dispatch(null, null, null, null, null);

    /** To a target chosen by the dispatcher; a PERSON's and a TEAM's id are the registry's UUIDs. */
    public static Dispatch to(DispatchTarget type, String targetId, String targetName) {
        return new Dispatch(type, targetId, targetName,
                type == DispatchTarget.PERSON ? UUID.fromString(targetId) : null,
                type == DispatchTarget.TEAM ? UUID.fromString(targetId) : null);
    }

    /** 认领: a claim counts as dispatched to the claimant's person (to their login when they have none). */
    public static Dispatch claimedBy(String login, UUID personId, String name) {
        return new Dispatch(DispatchTarget.PERSON, personId == null ? login : personId.toString(), name, personId,
                null);
    }

    public boolean isEmpty() {
        return targetType == null;
    }

    /**
     * Dispatched to a login string before dispatch named people of the registry (issue 18): that login, and only
     * it, may still sign the ticket. Such tickets are read as they are, not rewritten.
     */
    public boolean toLogin() {
        return targetType == DispatchTarget.PERSON && personId == null;
    }
}
