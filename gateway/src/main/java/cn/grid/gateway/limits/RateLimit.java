package cn.grid.gateway.limits;

import java.time.Duration;
import java.util.Locale;

/**
 * A rate: at most {@code requests} in any {@code period}, with bursts up to {@code requests} (a bucket of that
 * size that refills evenly over the period). Written {@code <requests>/<period>}: {@code 1000/10S}, {@code 50000/1S},
 * {@code 3/1H}; the period is an ISO-8601 duration or the Quarkus short form ({@code 10S}, {@code 500MS}).
 */
public record RateLimit(long requests, Duration period) {

    public RateLimit {
        if (requests < 1 || period.isZero() || period.isNegative() || period.toNanos() < requests) {
            throw new IllegalArgumentException("a rate limit needs at least 1 request in a positive period, "
                    + "and not more than one per nanosecond: " + requests + "/" + period);
        }
    }

    public static RateLimit parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a rate limit is written <requests>/<period> (1000/10S), not " + text);
        }
        long requests = Long.parseLong(text.substring(0, slash).strip());
        String period = text.substring(slash + 1).strip().toUpperCase(Locale.ROOT);
        Duration duration;
        if (period.startsWith("P")) {
            duration = Duration.parse(period);
        } else if (period.endsWith("MS")) {
            duration = Duration.ofMillis(Long.parseLong(period.substring(0, period.length() - 2)));
        } else {
            // 10S, 1M, 1H, 1D: Quarkus' short form is ISO-8601 without the PT (or P for days)
            duration = Duration.parse(period.endsWith("D") ? "P" + period : "PT" + period);
        }
        return new RateLimit(requests, duration);
    }

    /** Nanoseconds between two requests at the sustained rate: the time one token takes to come back. */
    long interval() {
        return period.toNanos() / requests;
    }

    @Override
    public String toString() {
        long millis = period.toMillis();
        return requests + " per " + (millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms");
    }
}
