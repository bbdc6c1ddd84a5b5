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

    /** Whether the ticket is still being worked on (the citizen may withdraw it). */
    public boolean isOpen() {
        return this != REJECTED && this != CLOSED && this != WITHDRAWN;
    }
}
