package cn.grid.notification.domain.webhook;

/** ACTIVE: events are turned into deliveries and sent. DISABLED: by its manager, or after the retry schedule ran out. */
public enum SubscriptionStatus {
    ACTIVE, DISABLED
}
