package cn.grid.notification.domain.webhook;

import java.time.OffsetDateTime;

/**
 * One POST of a delivery: when, the receiver's status (null when it never answered), how long it took, and why it
 * failed (truncated), null when it succeeded.
 */
public record DeliveryAttempt(int attemptNo, OffsetDateTime attemptedAt, Integer responseCode, int durationMs,
        String error) {

    /** The longest error text kept: enough to tell a refused connection from a TLS or DNS problem. */
    public static final int MAX_ERROR_LENGTH = 500;

    public static String truncate(String error) {
        if (error == null || error.length() <= MAX_ERROR_LENGTH) {
            return error;
        }
        return error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    public boolean succeeded() {
        return responseCode != null && responseCode >= 200 && responseCode < 300;
    }
}
