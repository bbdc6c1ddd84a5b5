package cn.grid.request.app;

import java.util.List;

/**
 * The ticket list's query parameters as the client sent them; {@link TicketFilters} checks each and answers
 * a 400 naming the parameter for a value it does not know. Blank means absent.
 *
 * @param status   lifecycle states, each value one state or a comma list (the parameter may repeat)
 * @param type     a ticket type
 * @param category a category code of the catalogue
 * @param assignee a person id, a team id, or {@code me}
 * @param overdue  {@code true} or {@code false}
 * @param from     submitted at or after: an ISO-8601 instant, or a date (its first instant in the grids' zone)
 * @param to       submitted at or before: an ISO-8601 instant, or a date (up to its end)
 * @param sort     one of {@link cn.grid.request.domain.TicketSort}'s parameters
 */
public record TicketListCriteria(List<String> status, String type, String category, String assignee, String overdue,
        String from, String to, String sort) {

    public TicketListCriteria {
        status = status == null ? List.of() : List.copyOf(status);
    }
}
