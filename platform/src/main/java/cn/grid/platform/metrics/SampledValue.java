package cn.grid.platform.metrics;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A figure read from the database for gauges, sampled in the background every {@code interval}: a scrape reads
 * the last sample and never waits for a query. (Quarkus serves {@code /q/metrics} on an I/O thread, where a JDBC
 * connection may not be taken at all; and two Prometheus replicas scraping cost no extra queries.) Until the first
 * sample, and while the query fails (the database is away), the value is null and the gauges read NaN, which
 * Prometheus keeps as such: a gap on the dashboard, not a misleading zero.
 */
public final class SampledValue<T> {

    private static final Logger LOG = Logger.getLogger(SampledValue.class);
    private static final Duration SHORTEST = Duration.ofMillis(50);
    /** One daemon thread for every sampled figure of the process: the queries are small and few. */
    private static final ScheduledExecutorService SAMPLER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "grid-metrics-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private final String name;
    private final Callable<T> query;
    private volatile T value;
    private volatile boolean failing;
    private volatile ScheduledFuture<?> schedule;
    private final AtomicLong samples = new AtomicLong();

    private SampledValue(String name, Callable<T> query) {
        this.name = name;
        this.query = query;
    }

    /** Samples {@code query} now and then every {@code interval} (at least 50 ms), until {@link #stop()}. */
    public static <T> SampledValue<T> every(String name, Duration interval, Callable<T> query) {
        SampledValue<T> sampled = new SampledValue<>(name, query);
        long millis = Math.max(SHORTEST.toMillis(), interval.toMillis());
        sampled.schedule = SAMPLER.scheduleWithFixedDelay(sampled::refresh, 0, millis, TimeUnit.MILLISECONDS);
        return sampled;
    }

    /** The last sample; null before the first one and while the query fails. */
    public T get() {
        return value;
    }

    /** How many times the query has been run (succeeded or not). */
    public long samples() {
        return samples.get();
    }

    /** Ends the sampling (at shutdown: the data source is going away). */
    public void stop() {
        ScheduledFuture<?> s = schedule;
        if (s != null) {
            s.cancel(false);
        }
    }

    void refresh() {
        samples.incrementAndGet();
        try {
            value = query.call();
            if (failing) {
                LOG.infof("metrics: %s can be read again", name);
                failing = false;
            }
        } catch (Exception e) {
            value = null;
            if (!failing) {
                // once per outage: the gauges read NaN until it ends
                LOG.warnf("metrics: %s cannot be read (%s); its gauges read NaN until it can", name, e.toString());
                failing = true;
            }
        } catch (Throwable t) {
            // never let the shared sampler thread's schedule die with this task
            value = null;
            LOG.errorf(t, "metrics: sampling %s failed", name);
        }
    }
}
