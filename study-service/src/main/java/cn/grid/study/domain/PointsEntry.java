package cn.grid.study.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One line of the append-only ledger: a credit (positive, {@code reverses} null) or the reversal of one
 * (the credit's points negated, naming it).
 */
public record PointsEntry(UUID id, UUID personId, String subject, PointsActivity activity, int points,
        String sourceId, String reason, UUID reverses, OffsetDateTime at) {

    public boolean isReversal() {
        return reverses != null;
    }

    /** The entry that takes this credit back. */
    public PointsEntry reversal(UUID newId, String why, OffsetDateTime now) {
        if (isReversal()) {
            throw new IllegalStateException("a reversal is not reversed; credit again instead");
        }
        return new PointsEntry(newId, personId, subject, activity, -points, sourceId, why, id, now);
    }
}
