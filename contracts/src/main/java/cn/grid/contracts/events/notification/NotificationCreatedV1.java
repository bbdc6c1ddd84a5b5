package cn.grid.contracts.events.notification;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/**
 * notification-service put a notification into someone's inbox. An integrator's app-push, SMS or WeChat gateway
 * subscribes to this type (by webhook) and sends it on: {@code title} and {@code body} are the text the apps show,
 * {@code personId} (a registry person) or {@code subject} (a login the registry does not know, a citizen) says
 * whose phone it is for. {@code recipient} is the inbox key ({@code person:<id>} or {@code subject:<login>}),
 * {@code seq} the notification's place in that inbox (the live stream's event id).
 */
public record NotificationCreatedV1(String notificationId, String recipient, String personId, String subject,
        long seq, String kind, String title, String body, String resourceType, String resourceId, String gridNodeId,
        String sourceEventId, String sourceEventType, OffsetDateTime createdAt) implements IntegrationEvent {

    public static final String TYPE = EventTypes.NOTIFICATION_CREATED;

    @Override
    public String eventType() {
        return TYPE;
    }

    /** The inbox: a recipient's notifications keep their order on one partition. */
    @Override
    public String aggregateId() {
        return recipient;
    }
}
