package cn.grid.request.domain;

import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The orders a ticket list may be sorted in ({@code ?sort=}), each a keyset order on (sort key, id) so that a
 * cursor page continues exactly after the last row shown, whatever is inserted or changed meanwhile.
 *
 * <p>Submission order is the order of the ids: they are time-ordered (UUID v7) and minted when the ticket is
 * submitted, so their cursor stays the bare id that lists have always issued.
 */
public enum TicketSort {
    NEWEST("-submittedAt", null, true),
    OLDEST("submittedAt", null, false),
    RECENTLY_UPDATED("-updatedAt", "updated_at", true),
    LEAST_RECENTLY_UPDATED("updatedAt", "updated_at", false),
    /** the running clock's deadline, soonest (most overdue) first */
    DUE_FIRST("dueAt", "due_at", false),
    DUE_LAST("-dueAt", "due_at", true);

    public static final TicketSort DEFAULT = NEWEST;

    private final String parameter;
    private final String column;
    private final boolean descending;

    TicketSort(String parameter, String column, boolean descending) {
        this.parameter = parameter;
        this.column = column;
        this.descending = descending;
    }

    /** The {@code sort} values, as documented. */
    public static String allowed() {
        return Arrays.stream(values()).map(s -> s.parameter).collect(Collectors.joining(", "));
    }

    /** {@code null} or blank: the default; anything not in the list is a 400 naming {@code sort}. */
    public static TicketSort parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        for (TicketSort sort : values()) {
            if (sort.parameter.equals(value.strip())) {
                return sort;
            }
        }
        throw DomainProblem.invalid("sort", "unknown sort '" + value + "'; one of " + allowed());
    }

    public String parameter() {
        return parameter;
    }

    /** The column sorted on before the id, or null when the id alone is the order. */
    public String column() {
        return column;
    }

    public boolean descending() {
        return descending;
    }

    /** Where the next page starts after {@code row}: its id, or {@code <sort value>|<id>}. */
    public String position(ServiceRequest row) {
        if (column == null) {
            return row.id().toString();
        }
        OffsetDateTime value = "due_at".equals(column) ? row.dueAt() : row.updatedAt();
        return value.toInstant() + "|" + row.id();
    }

    /** A decoded cursor of this order: the sort value (null for id orders) and the id. */
    public record Position(OffsetDateTime value, UUID id) {
    }

    /** Reads a position this order issued; another order's cursor, or none of ours, is a 400 (invalid cursor). */
    public Position parsePosition(PageRequest page) {
        String after = page.after();
        if (after == null) {
            return null;
        }
        try {
            if (column == null) {
                return new Position(null, UUID.fromString(after));
            }
            int bar = after.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("no sort value");
            }
            return new Position(Instant.parse(after.substring(0, bar)).atOffset(ZoneOffset.UTC),
                    UUID.fromString(after.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new DomainProblem(ProblemType.INVALID_CURSOR,
                    "cursor is not one this list issued for sort=" + parameter + "; start again without it");
        }
    }
}
