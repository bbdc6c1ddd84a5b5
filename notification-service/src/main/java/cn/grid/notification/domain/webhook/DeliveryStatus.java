package cn.grid.notification.domain.webhook;

/**
 * PENDING: waiting for its (next) attempt. SUCCEEDED: a receiver answered 2xx. FAILED: every attempt of the retry
 * schedule failed (the subscription was disabled with it); a redelivery makes it PENDING again.
 */
public enum DeliveryStatus {
    PENDING, SUCCEEDED, FAILED
}
