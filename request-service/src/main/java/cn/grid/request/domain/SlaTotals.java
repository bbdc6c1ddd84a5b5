package cn.grid.request.domain;

/**
 * How the clocks went for the tickets of a period: how many were answered (受理), taken (签收) and resolved
 * (办结), how many of each within the time limit, how many were escalated, and how many are overdue now.
 */
public record SlaTotals(long responded, long respondedOnTime, long signed, long signedOnTime, long resolved,
        long resolvedOnTime, long escalated, long overdueNow) {
}
