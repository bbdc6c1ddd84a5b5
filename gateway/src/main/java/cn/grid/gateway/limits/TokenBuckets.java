package cn.grid.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One token bucket per key (a subject, an address), kept as the generic cell rate algorithm: a bucket is a single
 * {@code long}, the "theoretical arrival time" at which it would be full again, advanced by one interval per
 * request with a compare-and-set. So taking a token is lock-free and allocates nothing once the key is known,
 * which matters on the proxy's hot path.
 *
 * <p>Memory is bounded twice: a key idle for a whole period is dropped (its bucket would be full by then, so
 * dropping it changes no answer), and at most {@code maxKeys} are held (beyond that the least used go first,
 * which at worst hands an evicted caller a fresh bucket).
 */
final class TokenBuckets {

    private final RateLimit limit;
    private final long interval;
    private final long period;
    private final Ticker ticker;
    private final Cache<String, AtomicLong> buckets;

    TokenBuckets(RateLimit limit, long maxKeys, Ticker ticker) {
        this.limit = limit;
        this.interval = limit.interval();
        this.period = limit.period().toNanos();
        this.ticker = ticker;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(period, TimeUnit.NANOSECONDS)
                .ticker(ticker)
                // eviction work runs on the caller's thread: no executor hop from the event loop
                .executor(Runnable::run)
                .build();
    }

    RateLimit limit() {
        return limit;
    }

    /** Takes one token from the key's bucket, if there is one. */
    Decision take(String key) {
        AtomicLong full = buckets.get(key, k -> new AtomicLong(Long.MIN_VALUE));
        long now = ticker.read();
        while (true) {
            long current = full.get();
            long next = Math.max(current, now) + interval;
            long wait = next - now - period;
            if (wait > 0) {
                // over the limit: the bucket stays as it is, a rejected request costs the caller nothing
                return new Decision(false, limit, 0, Math.max(0, current - now), wait);
            }
            if (full.compareAndSet(current, next)) {
                return new Decision(true, limit, (period - (next - now)) / interval, next - now, 0);
            }
        }
    }

    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /**
     * @param remaining    tokens left after this request
     * @param resetNanos   until the bucket is full again
     * @param retryNanos   until the next request would pass (0 when this one passed)
     */
    record Decision(boolean allowed, RateLimit limit, long remaining, long resetNanos, long retryNanos) {

        static long seconds(long nanos) {
            return (nanos + 999_999_999L) / 1_000_000_000L;
        }
    }
}
