package cn.grid.platform.metrics;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A value read from the database for gauges, at most once per {@code maxAge}: several gauges share one query
 * (a row of figures), and two scrapes close together (two Prometheus replicas) cost one query, not two. When the
 * query fails (the database is away) the value is null and the gauges read NaN, which Prometheus stores as such:
 * a gap on the dashboard, not a misleading zero.
 */
public final class SampledValue<T> {

    private static final Logger LOG = Logger.getLogger(SampledValue.class);

    private final Callable<T> query;
    private final long maxAgeNanos;
    private T value;
    private long sampledAt;
    private boolean sampled;

    public SampledValue(Callable<T> query, Duration maxAge) {
        this.query = query;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The last sample if it is fresh enough, else a new one; null when the query failed. */
    public synchronized T get() {
        long now = System.nanoTime();
        if (!sampled || now - sampledAt >= maxAgeNanos) {
            try {
                value = query.call();
            } catch (Exception e) {
                LOG.debugf("metrics query failed: %s", e.toString());
                value = null;
            }
            sampledAt = now;
            sampled = true;
        }
        return value;
    }
}
