package cn.grid.platform.concurrency;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;

/**
 * Optimistic concurrency over HTTP: a change names the version it was made against ({@code If-Match: "3"},
 * the ETag the client last read). Without it the change is refused (428); against an older version it is a
 * lost race (412) — never a silent overwrite.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** The version an {@code If-Match} header names; 428 when absent, 400 when it is not one of our ETags. */
    public static long version(String header) {
        if (header == null || header.isBlank()) {
            throw new DomainProblem(ProblemType.PRECONDITION_REQUIRED,
                    "send If-Match with the ETag you last read, so a concurrent change is not overwritten");
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new DomainProblem(ProblemType.BAD_REQUEST, "If-Match must be an ETag this API issued, e.g. \"3\"");
        }
    }

    /** Refuses with 412 when the entity moved on since the client read {@code expected}. */
    public static void check(long expected, long actual, String what) {
        if (expected != actual) {
            throw new DomainProblem(ProblemType.PRECONDITION_FAILED, what + " is at version " + actual
                    + ", not " + expected + ": it changed since you read it; reload and retry");
        }
    }
}
