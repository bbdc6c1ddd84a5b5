package cn.grid.request.domain;

/** Tickets of one category in a period. */
public record CategoryCount(String category, String name, long count) {
}
