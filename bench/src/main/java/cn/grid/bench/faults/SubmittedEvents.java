package cn.grid.bench.faults;

import cn.grid.bench.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Set;

/** The request.submitted events of a set of tickets in request.events: how many records, how many distinct. */
final class SubmittedEvents {

    record Count(long records, long distinct) {
    }

    private final Set<String> tickets;
    private long records;
    private final Set<String> distinct = new HashSet<>();

    SubmittedEvents(Set<String> tickets) {
        this.tickets = tickets;
    }

    void add(String key, String value) {
        if (key == null || !tickets.contains(key)) {
            return;
        }
        JsonNode event = Json.tree(value);
        JsonNode type = event.get("type");
        if (type != null && type.asText().endsWith(".submitted.v1")) {
            records++;
            JsonNode id = event.get("id");
            if (id != null && !id.isNull()) {
                distinct.add(id.asText());
            }
        }
    }

    Count count() {
        return new Count(records, distinct.size());
    }
}
