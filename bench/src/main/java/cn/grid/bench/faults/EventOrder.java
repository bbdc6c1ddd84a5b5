package cn.grid.bench.faults;

import cn.grid.bench.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A topic read back record by record, each key's CloudEvents checked for order by their {@code subjectsequence}
 * extension: a record whose event id was seen before is a duplicate (a relay retry; consumers skip it); every
 * other must carry a number above the key's last.
 */
final class EventOrder {

    /** What a whole topic showed. */
    record Result(String topic, long records, long keys, long maxPerKey, long duplicates, long outOfOrder,
            long unnumbered) {
    }

    private final String topic;
    private long records;
    private long duplicates;
    private long outOfOrder;
    private long unnumbered;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Long> last = new HashMap<>();
    private final Map<String, Long> perKey = new HashMap<>();

    EventOrder(String topic) {
        this.topic = topic;
    }

    void add(String key, String value) {
        records++;
        JsonNode event = Json.tree(value);
        JsonNode id = event.get("id");
        if (id == null || !id.isTextual() || !seen.add(id.asText())) {
            duplicates++;
            return;
        }
        perKey.merge(key, 1L, Long::sum);
        JsonNode sequence = event.get("subjectsequence");
        if (sequence == null || !sequence.canConvertToLong()) {
            unnumbered++;
            return;
        }
        long number = sequence.asLong();
        Long before = last.put(key, number);
        if (before != null && number <= before) {
            outOfOrder++;
            last.put(key, before);
        }
    }

    Result result() {
        return new Result(topic, records, perKey.size(),
                perKey.values().stream().mapToLong(Long::longValue).max().orElse(0), duplicates, outOfOrder,
                unnumbered);
    }
}
