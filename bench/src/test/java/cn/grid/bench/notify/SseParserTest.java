package cn.grid.bench.notify;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

    static List<SseParser.Event> parse(SseParser p, String... lines) {
        List<SseParser.Event> events = new ArrayList<>();
        for (String line : lines) {
            p.line(line).ifPresent(events::add);
        }
        return events;
    }

    @Test
    void eventsEndAtABlankLineCommentsAndRetryAreSkipped() {
        SseParser p = new SseParser();
        List<SseParser.Event> events = parse(p, "retry: 3000", ": heartbeat", "", "id: 7", "event: notification",
                "data: {\"seq\":7}", "", "id:8", "data:{\"a\":", "data: 1}", "");

        assertThat(events).containsExactly(new SseParser.Event("7", "notification", "{\"seq\":7}"),
                new SseParser.Event("8", "message", "{\"a\":\n1}"));
        assertThat(p.lastEventId()).isEqualTo("8");
    }

    @Test
    void theLastEventIdOutlivesEventsWithoutAnId() {
        SseParser p = new SseParser();
        parse(p, "id: 3", "data: x", "", "data: y", "");

        assertThat(p.lastEventId()).isEqualTo("3");
    }
}
