package cn.grid.platform.work;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's part of the caller's work list: the items (newest deadlines first, at most a page of each kind) and
 * the full count of each kind, so a home screen can show "12 overdue" while listing the first few. The counts keep
 * the order the service gave them in (the order of the kinds on the screen): {@code Map.copyOf} would answer a
 * different key order in every JVM.
 *
 * @param truncated true when some kind has more items than were listed
 */
public record WorkList(List<WorkItem> items, Map<String, Long> counts, boolean truncated) {

    public WorkList {
        items = List.copyOf(items);
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
