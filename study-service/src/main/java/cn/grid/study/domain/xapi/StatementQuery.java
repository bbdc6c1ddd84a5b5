package cn.grid.study.domain.xapi;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A GET statements query. Null filters do not filter. {@code since} is exclusive and {@code until} inclusive, both
 * on {@code stored}; {@code afterSeq} continues a page ("more") past the last statement already returned.
 *
 * @param limit 1..{@link #MAX_LIMIT}; the parameter's 0 ("the server's maximum") is {@link #MAX_LIMIT}
 */
public record StatementQuery(String agentKey, String verbId, String activityId, UUID registration,
        OffsetDateTime since, OffsetDateTime until, int limit, boolean ascending, StatementFormat format,
        Long afterSeq) {

    public static final int MAX_LIMIT = 100;

    public StatementQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit);
        }
    }

    /** Whether a filter other than time and sequence applies (these follow StatementRefs, Communication 2.1.3). */
    public boolean filtersByContent() {
        return agentKey != null || verbId != null || activityId != null || registration != null;
    }

    public StatementQuery after(long seq) {
        return new StatementQuery(agentKey, verbId, activityId, registration, since, until, limit, ascending, format,
                seq);
    }
}
