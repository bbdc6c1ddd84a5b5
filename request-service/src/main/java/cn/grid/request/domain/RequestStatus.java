package cn.grid.request.domain;

/** Where a ticket stands in its lifecycle (受理、派单、签收、办理、办结、评价). */
public enum RequestStatus {
    SUBMITTED,
    /** 受理 */
    ACCEPTED,
    REJECTED,
    /** 派单: to a grid, a person, a team or a department */
    DISPATCHED,
    /** 签收/接单 */
    SIGNED,
    /** 退单: back to the dispatcher */
    RETURNED,
    IN_PROGRESS,
    /** 办结, waiting for the citizen's rating */
    RESOLVED,
    CLOSED,
    /** 重办 after a dissatisfied rating */
    REOPENED,
    WITHDRAWN;

    /** Accepted and not yet resolved: someone is (or should be) working on it, against the resolution clock. */
    public static final java.util.Set<RequestStatus> BEING_HANDLED = java.util.EnumSet.of(ACCEPTED, DISPATCHED,
            SIGNED, RETURNED, IN_PROGRESS, REOPENED);

    /** Whether the ticket is still being worked on (the citizen may withdraw it). */
    public boolean isOpen() {
        return this != REJECTED && this != CLOSED && this != WITHDRAWN;
    }
}
