package cn.grid.notification.api;

import cn.grid.notification.domain.Notification;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A notification as clients read it: in the inbox's pages and as the data of a stream's event. */
public record NotificationJson(UUID id, long seq, String kind, String title, String body, String resourceType,
        String resourceId, UUID gridNodeId, UUID sourceEventId, String sourceEventType, OffsetDateTime createdAt,
        OffsetDateTime readAt) {

    public static NotificationJson of(Notification n) {
        return new NotificationJson(n.id(), n.seq(), n.kind(), n.title(), n.body(), n.resourceType(), n.resourceId(),
                n.gridNodeId(), n.sourceEventId(), n.sourceEventType(), n.createdAt(), n.readAt());
    }
}
