package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/**
 * A pending registration request (居住地报到) was decided: APPROVED (the registration is {@code assignmentId},
 * announced as party-member.registered), REJECTED with a {@code reason} for the member, or WITHDRAWN by the member
 * (then {@code reviewedBy} is the member's login). It no longer waits for review.
 */
public record RegistrationReviewedV1(String registrationId, String personId, String subject, String personName,
        String gridNodeId, String gridPath, String decision, String reason, String assignmentId, String reviewedBy,
        OffsetDateTime reviewedAt) implements IntegrationEvent {

    public static final String TYPE = EventTypes.REGISTRATION_REVIEWED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return registrationId;
    }
}
