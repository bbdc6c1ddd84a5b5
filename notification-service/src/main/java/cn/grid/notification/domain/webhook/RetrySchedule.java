package cn.grid.notification.domain.webhook;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: after the n-th failed attempt, wait {@code waits[n-1]} stretched by a random
 * jitter of up to ±{@code jitter}; after the last wait's retry failed there is no next attempt (the subscription is
 * disabled).
 */
public record RetrySchedule(List<Duration> waits, double jitter) {

    public RetrySchedule {
        waits = List.copyOf(waits);
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("retry jitter must be in [0, 1): " + jitter);
        }
    }

    /** Attempts in all: the first and one per wait. */
    public int maxAttempts() {
        return waits.size() + 1;
    }

    /** The wait after {@code failedAttempts} failed attempts, or null when the schedule is used up. */
    public Duration next(int failedAttempts, DoubleSupplier random) {
        if (failedAttempts < 1 || failedAttempts > waits.size()) {
            return null;
        }
        Duration base = waits.get(failedAttempts - 1);
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * factor)));
    }
}
