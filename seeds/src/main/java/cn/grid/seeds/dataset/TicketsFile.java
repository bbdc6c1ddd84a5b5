package cn.grid.seeds.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** dataset/tickets.json: ticket templates, each filed {@code count} times and taken to its outcome. */
public record TicketsFile(@JsonProperty("_about") String about, List<TicketSpec> tickets) {

    public TicketsFile {
        tickets = Required.orEmpty(tickets);
    }

    /**
     * @param key      the template's part of each ticket's Idempotency-Key, {@code seed-<district>-<key>-<n>}
     * @param at       the code of the place (its grids take the tickets in turn)
     * @param title    the title, a format with the ticket's number when count is above 1
     * @param titles   the first tickets' own titles, before {@code title} takes over
     * @param resolved how many are resolved (default all); the rest stay accepted
     * @param rated    how many of the resolved the citizen rates (default none)
     */
    public record TicketSpec(String key, String at, String type, String title, List<String> titles, int count,
            Integer resolved, Integer rated, String outcome, String source) {

        public TicketSpec {
            Required.present(key, "tickets.key");
            Required.present(at, "tickets.at");
            Required.present(type, "tickets.type");
            Required.present(title, "tickets.title");
            Required.present(outcome, "tickets.outcome");
            Required.positive(count, "tickets.count");
            titles = Required.orEmpty(titles);
            resolved = resolved == null ? count : resolved;
            rated = rated == null ? 0 : rated;
        }

        /** The n-th ticket's title (from 1). */
        public String titleOf(int n) {
            return n <= titles.size() ? titles.get(n - 1) : count == 1 ? title : String.format(title, n);
        }
    }
}
