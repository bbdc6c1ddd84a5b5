package cn.grid.contracts.events.grid;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/**
 * A party member asked to be registered at the grid where they live (居住地报到); the request waits for a reviewer
 * over that grid. {@code workOrganisation} is set for a serving member's double registration (双报到).
 */
public record RegistrationSubmittedV1(String registrationId, String personId, String subject, String personName,
        String gridNodeId, String gridPath, String workOrganisation, OffsetDateTime submittedAt)
        implements IntegrationEvent {

    public static final String TYPE = EventTypes.REGISTRATION_SUBMITTED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return registrationId;
    }
}
