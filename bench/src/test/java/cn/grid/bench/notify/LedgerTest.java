package cn.grid.bench.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerTest {

    @Test
    void missingKeysAndDuplicatesAreCountedByMessageId() {
        Ledger l = new Ledger();
        l.expect("t1", 0, 10);
        l.expect("t2", 20, 30);
        l.expect("t3", 40, 50);
        l.arrived("t1", "wh-1", 15);
        l.arrived("t1", "wh-1", 90);     // a retry whose first answer was lost: the same webhook-id
        l.arrived("t2", "wh-2", 35);
        l.arrived("t2", "wh-9", 36);     // the same event as a second message: never allowed
        l.arrived("x", "wh-7", 40);      // nobody expected it (another ticket of the grid)

        Ledger.Result r = l.result();
        assertThat(r.expected()).isEqualTo(3);
        assertThat(r.arrived()).isEqualTo(2);
        assertThat(r.missing()).containsExactly("t3");
        assertThat(r.duplicatesSameId()).isEqualTo(1);
        assertThat(r.duplicatesOtherId()).isEqualTo(1);
        assertThat(r.unexpected()).isEqualTo(1);
        assertThat(r.latencyNanos()).containsExactly(5, 5);
        assertThat(r.complete()).isFalse();
        assertThat(l.arrivedCount()).isEqualTo(2);
        assertThat(l.lastFirstArrival()).isEqualTo(35);
    }

    @Test
    void anEventAnsweredBeforeAnotherWasSentMustNotArriveAfterIt() {
        Ledger l = new Ledger();
        l.expect("a", 0, 10);
        l.expect("b", 20, 30);   // sent after a was answered: must arrive after a
        l.expect("c", 5, 40);    // overlaps a and b: either order is fine
        l.arrived("b", "2", 50);
        l.arrived("a", "1", 60);
        l.arrived("c", "3", 45);

        Ledger.Result r = l.result();
        assertThat(r.outOfRealTimeOrder()).isEqualTo(1);
        assertThat(r.latencyNanos()).containsExactly(5, 20, 50);
        assertThat(r.missing()).isEmpty();
    }

    @Test
    void concurrentCommandsMayArriveInEitherOrder() {
        Ledger l = new Ledger();
        l.expect("a", 0, 30);
        l.expect("b", 10, 20);
        l.arrived("b", "2", 50);
        l.arrived("a", "1", 40);

        assertThat(l.result().outOfRealTimeOrder()).isZero();
        assertThat(l.result().complete()).isTrue();
    }

    @Test
    void perAggregateSequencesMustRiseARepeatedMessageExcepted() {
        Ledger l = new Ledger();
        l.expect("t1 submitted", 0, 1);
        l.expect("t1 accepted", 2, 3);
        l.expect("t1 dispatched", 4, 5);
        l.arrived("t1 submitted", "w1", 10, "t1", 1);
        l.arrived("t1 accepted", "w2", 11, "t1", 2);
        l.arrived("t1 accepted", "w2", 12, "t1", 2);      // at-least-once repeat: not out of order
        l.arrived("t1 dispatched", "w3", 13, "t1", 3);
        assertThat(l.result().outOfKeyOrder()).isZero();

        Ledger swapped = new Ledger();
        swapped.arrived("t1 accepted", "w2", 11, "t1", 2);
        swapped.arrived("t1 submitted", "w1", 12, "t1", 1);
        swapped.arrived("t1 dispatched", "w3", 13, "t1", 3);
        assertThat(swapped.result().outOfKeyOrder()).isEqualTo(1);
        assertThat(swapped.result().complete()).isFalse();
    }
}
