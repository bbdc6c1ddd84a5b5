package cn.grid.bench.faults;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EventOrderTest {

    static String event(String id, Object sequence) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"grid.node.renamed.v1\""
                + (sequence == null ? "" : ",\"subjectsequence\":" + sequence) + ",\"data\":{\"id\":\"x\"}}";
    }

    @Test
    void eachKeysEventsMustRiseDuplicatesAreSkippedAndUnnumberedCounted() {
        EventOrder order = new EventOrder("grid.events");
        order.add("a", event("e1", 1));
        order.add("a", event("e2", 2));
        order.add("a", event("e2", 2));      // a relay retry: duplicate, not out of order
        order.add("b", event("e3", 5));
        order.add("a", event("e4", 2));      // not above a's last (2): out of order
        order.add("a", event("e5", 3));      // above the last in-order number: fine
        order.add("b", event("e6", null));   // no subjectsequence

        EventOrder.Result r = order.result();
        assertThat(r.records()).isEqualTo(7);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.outOfOrder()).isEqualTo(1);
        assertThat(r.unnumbered()).isEqualTo(1);
        assertThat(r.keys()).isEqualTo(2);
        assertThat(r.maxPerKey()).isEqualTo(4);
    }

    @Test
    void aRecordThatIsNoEventCountsAsADuplicateNotAsACrash() {
        EventOrder order = new EventOrder("request.events");
        order.add("a", "not json");

        assertThat(order.result().duplicates()).isEqualTo(1);
    }

    @Test
    void submittedEventsOfTheGivenTicketsAreCountedOncePerEventId() {
        SubmittedEvents events = new SubmittedEvents(Set.of("t1", "t2"));
        String submitted = "{\"id\":\"%s\",\"type\":\"cn.grid.request.submitted.v1\"}";
        events.add("t1", submitted.formatted("e1"));
        events.add("t1", submitted.formatted("e1"));                                  // duplicate record
        events.add("t2", submitted.formatted("e2"));
        events.add("t2", "{\"id\":\"e3\",\"type\":\"cn.grid.request.accepted.v1\"}");  // another type
        events.add("t9", submitted.formatted("e9"));                                  // another ticket
        events.add(null, submitted.formatted("e10"));

        assertThat(events.count()).isEqualTo(new SubmittedEvents.Count(3, 2));
    }
}
