package cn.grid.contracts.events.study;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/**
 * The speaker declined a branch's order of a micro-lecture (点单式), with an optional reason for the branch;
 * {@code placedBy} is the administrator who placed the order.
 */
public record LectureOrderDeclinedV1(String orderId, String materialId, String title, String orgId,
        String gridNodeId, String speakerSubject, String reason, String placedBy, OffsetDateTime declinedAt)
        implements IntegrationEvent {

    public static final String TYPE = EventTypes.STUDY_LECTURE_ORDER_DECLINED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}
