package cn.grid.notification.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A notification as stored in its recipient's inbox: the draft a rule made, with its place ({@code seq}) in the
 * inbox, the event that caused it, and when it was read (null while unread).
 */
public record Notification(UUID id, Recipient recipient, long seq, String kind, String title, String body,
        String resourceType, String resourceId, UUID gridNodeId, UUID sourceEventId, String sourceEventType,
        OffsetDateTime createdAt, OffsetDateTime readAt) {
}
