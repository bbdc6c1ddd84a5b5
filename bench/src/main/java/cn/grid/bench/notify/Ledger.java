package cn.grid.bench.notify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What arrived against what was expected, for one channel (a person's live stream, their inbox, one webhook
 * subscription): each expected event has a key and the moments its command was sent and answered; each arrival
 * names the key it is about and its message id (the webhook-id of a delivery, the id of a notification).
 *
 * <p>Counted: the expected keys that never arrived, the duplicates — a key arriving again with the same message id
 * (the documented at-least-once of webhooks: a retry of a delivery whose answer was lost) or with another id (the
 * same event delivered as two messages: never allowed) —, arrivals of keys nobody expected, and two kinds of order:
 * per aggregate (an arrival's order key and sequence, a CloudEvent's subject and subjectsequence, must rise) and
 * real time (when command A was answered before command B was sent, A's first arrival must not come after B's).
 * Thread-safe: the receiver's threads and the load's add to it concurrently.
 */
public final class Ledger {

    private record Expected(String key, long sentNanos, long answeredNanos) {
    }

    private record Arrival(String key, String messageId, long nanos) {
    }

    private final Map<String, Expected> expected = new HashMap<>();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Map<String, Long> lastSequence = new HashMap<>();
    private final java.util.Set<String> seen = new java.util.HashSet<>();
    private final Map<String, Long> first = new HashMap<>();
    private int outOfKeyOrder;

    /** An event whose command was sent at {@code sentNanos} and answered (committed) at {@code answeredNanos}. */
    public synchronized void expect(String key, long sentNanos, long answeredNanos) {
        expected.put(key, new Expected(key, sentNanos, answeredNanos));
    }

    /** An arrival without a per-aggregate number. */
    public void arrived(String key, String messageId, long nanos) {
        arrived(key, messageId, nanos, null, -1);
    }

    /**
     * An arrival; {@code orderKey} and {@code sequence} (a CloudEvent's subject and subjectsequence, or null and -1)
     * must rise per order key in arrival order, a repeat of a message already seen excepted.
     */
    public synchronized void arrived(String key, String messageId, long nanos, String orderKey, long sequence) {
        boolean repeat = !seen.add(key + "\n" + messageId);
        arrivals.add(new Arrival(key, messageId, nanos));
        first.merge(key, nanos, Math::min);
        if (orderKey != null && sequence >= 0 && !repeat) {
            Long last = lastSequence.get(orderKey);
            if (last != null && sequence <= last) {
                outOfKeyOrder++;
            } else {
                lastSequence.put(orderKey, sequence);
            }
        }
    }

    /** How many expected keys have arrived at least once. */
    public synchronized int arrivedCount() {
        return (int) expected.keySet().stream().filter(first::containsKey).count();
    }

    public synchronized int expectedCount() {
        return expected.size();
    }

    /** The moment of the latest first arrival of an expected key, or -1 when none arrived. */
    public synchronized long lastFirstArrival() {
        return firstArrivals().values().stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    private Map<String, Long> firstArrivals() {
        Map<String, Long> firstOfExpected = new HashMap<>(first);
        firstOfExpected.keySet().retainAll(expected.keySet());
        return firstOfExpected;
    }

    /**
     * @param latencyNanos      each arrived key's first arrival minus its command's answer, sorted (negative when
     *                          the message overtook the answer)
     * @param duplicatesSameId  arrivals repeating a key with a message id already seen for it (at-least-once)
     * @param duplicatesOtherId arrivals repeating a key with another message id (one event, two messages)
     */
    public record Result(int expected, int arrived, List<String> missing, int duplicatesSameId, int duplicatesOtherId,
            int unexpected, int outOfKeyOrder, int outOfRealTimeOrder, long[] latencyNanos) {

        /** Every expected key arrived, no event as two messages, no order broken. */
        public boolean complete() {
            return missing.isEmpty() && duplicatesOtherId == 0 && outOfKeyOrder == 0;
        }
    }

    public synchronized Result result() {
        Map<String, Long> first = firstArrivals();
        Map<String, List<String>> idsByKey = new HashMap<>();
        int sameId = 0;
        int otherId = 0;
        int unexpected = 0;
        for (Arrival a : arrivals) {
            if (!expected.containsKey(a.key)) {
                unexpected++;
                continue;
            }
            List<String> ids = idsByKey.computeIfAbsent(a.key, k -> new ArrayList<>());
            if (ids.contains(a.messageId)) {
                sameId++;
            } else if (!ids.isEmpty()) {
                otherId++;
            }
            ids.add(a.messageId);
        }
        List<String> missing = expected.keySet().stream().filter(k -> !first.containsKey(k)).sorted().toList();
        long[] latencies = first.entrySet().stream()
                .mapToLong(e -> e.getValue() - expected.get(e.getKey()).answeredNanos).sorted().toArray();
        return new Result(expected.size(), first.size(), missing, sameId, otherId, unexpected, outOfKeyOrder,
                outOfRealTimeOrder(first), latencies);
    }

    /**
     * Arrived events B that arrived before some A although A's command was answered before B's was sent: walk the
     * events by send time, keeping the latest first arrival of every event answered before the current one was sent.
     */
    private int outOfRealTimeOrder(Map<String, Long> first) {
        List<Expected> arrived = expected.values().stream().filter(e -> first.containsKey(e.key)).toList();
        List<Expected> byAnswer = arrived.stream().sorted(Comparator.comparingLong(Expected::answeredNanos)).toList();
        List<Expected> bySend = arrived.stream().sorted(Comparator.comparingLong(Expected::sentNanos)).toList();
        int inversions = 0;
        int next = 0;
        long latestEarlier = Long.MIN_VALUE;
        for (Expected b : bySend) {
            while (next < byAnswer.size() && byAnswer.get(next).answeredNanos < b.sentNanos) {
                latestEarlier = Math.max(latestEarlier, first.get(byAnswer.get(next).key));
                next++;
            }
            if (latestEarlier > first.get(b.key)) {
                inversions++;
            }
        }
        return inversions;
    }
}
