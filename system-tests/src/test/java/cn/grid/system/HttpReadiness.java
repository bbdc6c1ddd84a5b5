package cn.grid.system;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a process started by a test to answer 200 at its readiness URL, and stops waiting at once when the
 * process dies (its log then says why, rather than a timeout minutes later).
 */
final class HttpReadiness {

    private HttpReadiness() {
    }

    /**
     * Polls {@code ready} every {@code interval} until it answers 200 ({@code true}), or {@code timeout} passes
     * ({@code false}). Throws with {@code diedMessage} as soon as {@code alive} says the process is gone.
     */
    static boolean await(URI ready, Duration timeout, Duration interval, BooleanSupplier alive, String diedMessage) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException(diedMessage);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) ready.toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // still starting
            }
            LockSupport.parkNanos(interval.toNanos());
        }
        return false;
    }
}
