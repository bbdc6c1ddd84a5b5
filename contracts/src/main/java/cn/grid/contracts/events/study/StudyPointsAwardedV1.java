package cn.grid.contracts.events.study;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/**
 * A line of the points ledger (积分): a credit, or — with {@code reverses} set and negative {@code points} —
 * the reversal of one. {@code balance} is the member's balance after it.
 */
public record StudyPointsAwardedV1(String entryId, String personId, String subject, String activity, int points,
        String sourceId, String reason, String reverses, long balance, OffsetDateTime at) implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.STUDY_POINTS_AWARDED;
    }

    @Override
    public String aggregateId() {
        return subject;
    }
}
