package cn.grid.notification.domain.webhook;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One event for one subscription; {@code id} is its {@code webhook-id}, the same on every retry and redelivery. */
public record Delivery(UUID id, UUID subscriptionId, long seq, UUID eventId, String eventType,
        OffsetDateTime eventTime, String payload, DeliveryStatus status, int attempts, OffsetDateTime nextAttemptAt,
        OffsetDateTime createdAt, OffsetDateTime lastAttemptAt, Integer lastResponseCode, String lastError,
        OffsetDateTime completedAt, int redeliveries) {
}
