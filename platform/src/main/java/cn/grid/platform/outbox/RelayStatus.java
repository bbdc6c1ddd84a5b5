package cn.grid.platform.outbox;

import java.time.Duration;
import java.time.Instant;

/**
 * How the outbox relay is doing: when it last published (or found nothing to publish), and since when it has been
 * failing. Written by the relay thread, read by the health check.
 */
public final class RelayStatus {

    private volatile Instant lastSuccess;
    private volatile Instant failingSince;
    private volatile String lastError;

    public void succeeded(Instant at) {
        lastSuccess = at;
        failingSince = null;
        lastError = null;
    }

    public void failed(Instant at, String error) {
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
}
