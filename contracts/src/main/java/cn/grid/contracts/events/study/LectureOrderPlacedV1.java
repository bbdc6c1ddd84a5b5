package cn.grid.contracts.events.study;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/**
 * A branch ordered an offered micro-lecture (点单式) for {@code wantedAt} at {@code place}; the speaker is to accept
 * or decline it. {@code speakerPersonId} is the registry's person behind {@code speakerSubject} when study-service
 * has learnt it from grid.events, else null.
 */
public record LectureOrderPlacedV1(String orderId, String materialId, String title, String orgId, String gridNodeId,
        String speakerSubject, String speakerPersonId, OffsetDateTime wantedAt, String place, String placedBy,
        OffsetDateTime placedAt) implements IntegrationEvent {

    public static final String TYPE = EventTypes.STUDY_LECTURE_ORDER_PLACED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}
