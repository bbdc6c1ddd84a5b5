package cn.grid.seeds.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What a run created and what it found already there, per kind of item ("places", "people", ...). */
public final class Tally {

    private final Map<String, AtomicLong> created = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> found = new ConcurrentHashMap<>();

    public void created(String what) {
        created.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    public void found(String what) {
        found.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    public long createdTotal() {
        return created.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Printed as {@code {people=174, places=19}}; {@code {}} when nothing was: SeedsIT reads "created 0 ({})". */
    public Map<String, AtomicLong> createdByKind() {
        return new TreeMap<>(created);
    }

    public Map<String, AtomicLong> foundByKind() {
        return new TreeMap<>(found);
    }
}
