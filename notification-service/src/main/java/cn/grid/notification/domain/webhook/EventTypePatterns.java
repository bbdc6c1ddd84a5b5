package cn.grid.notification.domain.webhook;

import java.util.List;
import java.util.Set;

/**
 * What a subscription asks for: exact CloudEvent types ({@code cn.grid.request.dispatched.v1}) or prefix patterns
 * ending in {@code .*} ({@code cn.grid.request.*}: every request event, also types added later).
 */
public final class EventTypePatterns {

    private EventTypePatterns() {
    }

    /** Why {@code pattern} is refused, or null when it names a known type or a prefix of at least one. */
    public static String problem(String pattern, Set<String> knownTypes) {
        if (pattern == null || pattern.isBlank()) {
            return "an event type must not be blank";
        }
        if (pattern.endsWith(".*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            if (prefix.contains("*") || knownTypes.stream().noneMatch(t -> t.startsWith(prefix))) {
                return "no event type of the suite starts with " + prefix;
            }
            return null;
        }
        return knownTypes.contains(pattern) ? null : "unknown event type " + pattern;
    }

    /** Whether an event of {@code type} matches any of the patterns. */
    public static boolean matches(List<String> patterns, String type) {
        for (String pattern : patterns) {
            if (pattern.endsWith(".*") ? type.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(type)) {
                return true;
            }
        }
        return false;
    }
}
