package cn.grid.request.domain;

/** Tickets of one type in one status: how many, how many were resolved, rated, and rated satisfied. */
public record StatsGroup(String type, String status, long count, long resolved, long rated, long satisfied) {
}
