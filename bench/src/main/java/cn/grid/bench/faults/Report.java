package cn.grid.bench.faults;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the scenarios print: goals, percentiles, answers counted by operation and status. */
final class Report {

    private Report() {
    }

    /** The scenario's closing line: "goal: ... -> met" or "NOT met"; answers whether it was met. */
    static boolean goal(String goal, boolean met) {
        System.out.println("goal: " + goal + " -> " + (met ? "met" : "NOT met"));
        return met;
    }

    /** The p-th percentile of sorted values (nearest rank). */
    static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Counts keyed "operation status" as one line per operation: {@code rename  {200=12, 412=3}}. */
    static Map<String, Map<String, Integer>> byOperation(Map<String, AtomicInteger> counts) {
        Map<String, Map<String, Integer>> byOperation = new TreeMap<>();
        counts.forEach((k, v) -> byOperation.computeIfAbsent(k.split(" ")[0], o -> new TreeMap<>())
                .put(k.split(" ")[1], v.get()));
        return byOperation;
    }

    static void printCounts(Map<String, AtomicInteger> counts) {
        byOperation(counts).forEach((op, byStatus) -> System.out.printf("%-12s %s%n", op, byStatus));
    }
}
