package cn.grid.contracts.events.study;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/**
 * A member's reflection (观后感/心得) was approved or returned. Carries who wrote it (token subject and person
 * id) and their organisation, so a points ledger can credit approved reflections without calling back.
 */
public record ReflectionReviewedV1(String reflectionId, String memberSubject, String personId, String orgId,
        String sessionId, String materialId, String state, String reviewedBy, OffsetDateTime reviewedAt)
        implements IntegrationEvent {

    public static final String TYPE = EventTypes.STUDY_REFLECTION_REVIEWED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return reflectionId;
    }
}
