package cn.grid.contracts.events.study;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/**
 * A member's reflection (观后感/心得) waits for review by an administrator over the organisation {@code orgId}:
 * written, or revised and resubmitted after a return (then {@code submittedAt} is the resubmission's time).
 */
public record ReflectionSubmittedV1(String reflectionId, String memberSubject, String personId, String orgId,
        String sessionId, String materialId, OffsetDateTime submittedAt) implements IntegrationEvent {

    public static final String TYPE = EventTypes.STUDY_REFLECTION_SUBMITTED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return reflectionId;
    }
}
