package cn.grid.request.domain;

import java.util.List;

import java.util.List;

/**
 * Which tickets a list may show at all, decided by the service from the caller before any filter applies.
 */
public sealed interface TicketScope {

    /** The tickets the login reported (a citizen's own list). */
    record ReportedBy(String subject) implements TicketScope {
    }

    /** The tickets routed into the subtree at {@code path}; {@code leaf}: nothing below it, match it exactly. */
    record Subtree(String path, boolean leaf) implements TicketScope {
    }

    /**
     * A staff caller's list without a node: the tickets the login reported and those routed into any of the
     * subtrees at {@code paths} (the caller's reach from the registry).
     */
    record Reach(String reporter, List<String> paths) implements TicketScope {

        public Reach {
            paths = List.copyOf(paths);
        }
    }

    /** Every ticket (a district-wide caller, no node given, no token scope). */
    record Everything() implements TicketScope {
    }
}
