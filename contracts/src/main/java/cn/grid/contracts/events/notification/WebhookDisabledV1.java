package cn.grid.contracts.events.notification;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;

/**
 * A webhook subscription was disabled: its oldest waiting delivery failed every attempt of the retry schedule
 * (at least 24 hours). Nothing more is sent to {@code url} until someone who manages the subscription enables it
 * again; the deliveries that were waiting stay in its log and go out, in order, once it is enabled.
 *
 * @param gridNodeId       the subtree the subscription is limited to, or null for every grid
 * @param ownerSubject     the login that created the subscription (told through their inbox)
 * @param failedDeliveryId the delivery (its {@code webhook-id}) that used up the schedule
 * @param lastResponseCode the receiver's last HTTP status, or null when it never answered (refused, timed out)
 * @param lastError        why the last attempt failed, truncated
 */
public record WebhookDisabledV1(String subscriptionId, String url, String gridNodeId, String ownerSubject,
        String failedDeliveryId, Integer attempts, Integer lastResponseCode, String lastError,
        OffsetDateTime disabledAt) implements IntegrationEvent {

    public static final String TYPE = EventTypes.NOTIFICATION_WEBHOOK_DISABLED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return subscriptionId;
    }
}
