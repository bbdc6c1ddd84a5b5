package cn.grid.bench.notify;

import java.util.Optional;

/**
 * The lines of a text/event-stream turned into events, as the WHATWG EventSource does it: {@code field: value}
 * lines (one space after the colon dropped), {@code data} lines joined with a newline, a blank line ends an event,
 * a line starting with a colon is a comment (the heartbeat), {@code retry} and unknown fields are ignored. The last
 * {@code id} seen stays the stream's last event id (what a reconnect sends as Last-Event-ID).
 */
public final class SseParser {

    /** One dispatched event. */
    public record Event(String id, String type, String data) {
    }

    private String lastEventId;
    private String type;
    private StringBuilder data;

    /** Feeds one line (without its line break); answers the event a blank line completes. */
    public Optional<Event> line(String line) {
        if (line.isEmpty()) {
            if (data == null) {
                type = null;
                return Optional.empty();
            }
            Event e = new Event(lastEventId, type == null ? "message" : type, data.toString());
            type = null;
            data = null;
            return Optional.of(e);
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            case "event" -> type = value;
            case "id" -> {
                if (!value.contains("\0")) {
                    lastEventId = value;
                }
            }
            default -> {
                // retry and unknown fields: nothing the bench needs
            }
        }
        return Optional.empty();
    }

    public String lastEventId() {
        return lastEventId;
    }
}
