package cn.grid.request.domain;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * What a ticket list is narrowed to ({@code GET /api/v1/requests?status=&type=&category=&assignee=&overdue=&from=&to=}),
 * checked and resolved: every field null (or empty) means "not filtered on".
 *
 * @param statuses      any of these statuses
 * @param assignee      whose work it is (dispatched to, or taken by), resolved from {@code assignee=}
 * @param overdue       true: some running clock is marked overdue; false: none is
 * @param submittedFrom submitted at or after
 * @param submittedTo   submitted at or before
 */
public record TicketFilter(Set<RequestStatus> statuses, RequestType type, String category, Assignee assignee,
        Boolean overdue, OffsetDateTime submittedFrom, OffsetDateTime submittedTo) {

    public TicketFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    /**
     * Whose work a ticket is. A team: tickets dispatched to the team (also once a member signed them). A person:
     * tickets dispatched to them or taken by them (签收, 认领) — matched by any of {@code ids}: the person's id
     * (dispatch by person id) and their login subjects (the assignee column, and dispatches by login).
     */
    public record Assignee(boolean team, Set<String> ids) {

        public Assignee {
            ids = Set.copyOf(ids);
        }

        public static Assignee team(String teamId) {
            return new Assignee(true, Set.of(teamId));
        }

        public static Assignee person(Set<String> idsAndLogins) {
            return new Assignee(false, idsAndLogins);
        }
    }
}
