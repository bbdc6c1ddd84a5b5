package cn.grid.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How the outbox relay is doing: when it last published (or found nothing to publish), and since when it has been
 * failing, and how many events it published and rounds it failed (for the metrics). Written by the relay thread, read
 * by the health check and the metrics.
 */
public final class RelayStatus {

    private volatile Instant lastSuccess;
    private volatile Instant failingSince;
    private volatile String lastError;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** A round went through, publishing {@code events} (0: nothing was waiting). */
    public void succeeded(Instant at, int events) {
        published.addAndGet(events);
        lastSuccess = at;
        failingSince = null;
        lastError = null;
    }

    public void failed(Instant at, String error) {
        failures.incrementAndGet();
        if (failingSince == null) {
            failingSince = at;
        }
        lastError = error;
    }

    /** Failing for longer than {@code tolerance}: the back-off is not riding out a blip. */
    public boolean stuck(Instant now, Duration tolerance) {
        Instant since = failingSince;
        return since != null && Duration.between(since, now).compareTo(tolerance) > 0;
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public Instant failingSince() {
        return failingSince;
    }

    public String lastError() {
        return lastError;
    }

    /** Events published since the start. */
    public long published() {
        return published.get();
    }

    /** Rounds that failed (Kafka or the database away) since the start. */
    public long failures() {
        return failures.get();
    }
}
