package cn.grid.readmodel.grid;

import cn.grid.platform.events.CloudEvent;
import cn.grid.platform.events.MalformedEventException;

import java.util.UUID;

/**
 * Which event a read-model row was last changed by: its id (kept as {@code last_event_id}) and its
 * {@code subjectsequence} (kept as {@code last_sequence}; null for events published before it existed).
 *
 * @param id       the event id
 * @param sequence the event's number among its subject's events, or null
 */
public record EventStamp(UUID id, Long sequence) {

    public static EventStamp of(CloudEvent event) {
        try {
            return new EventStamp(UUID.fromString(event.id()), event.subjectsequence());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event id is not a UUID: " + event.id());
        }
    }

    /**
     * SQL that is true when an event numbered by parameter {@code ?n} may change a row of {@code table} (a
     * {@code last_sequence} column): either side unnumbered (events from before the number are applied as
     * before), or the event is newer than the last one applied. A late or replayed older event changes nothing.
     */
    static String isNewer(String table, int n) {
        return "(%1$s.last_sequence is null or cast(?%2$d as bigint) is null or %1$s.last_sequence < cast(?%2$d as bigint))"
                .formatted(table, n);
    }

    /** SQL for the new {@code last_sequence} of a row: the event's, or the row's own when the event has none. */
    static String nextSequence(String table, int n) {
        return "coalesce(cast(?%2$d as bigint), %1$s.last_sequence)".formatted(table, n);
    }
}
