package cn.grid.bench.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load: event i is started at {@code start + i / rate}, whether or not the earlier ones were answered
 * (a slow answer does not slow the arrivals down, as it would in a closed loop: no coordinated omission). Each event
 * runs on a pool thread; {@link #stop()} ends the schedule, {@link #awaitDone()} waits for the started ones.
 */
public final class OpenLoop {

    /** One event's work, given its index. */
    @FunctionalInterface
    public interface Event {
        void run(int index) throws Exception;
    }

    private final double ratePerSecond;
    private final Event event;
    private final ExecutorService pool;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Future<?>> started = new ArrayList<>();
    private final Thread scheduler;
    private volatile long maxLagNanos;
    private volatile int failures;
    private volatile String firstFailure;
    private final int limit;

    /** {@code limit} events at most (Integer.MAX_VALUE: until stopped). */
    public OpenLoop(double ratePerSecond, int limit, int threads, Event event) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.limit = limit;
        this.event = event;
        this.pool = Executors.newFixedThreadPool(threads);
        this.scheduler = new Thread(this::schedule, "open-loop");
    }

    /** When event {@code i} is due, in nanoseconds after the start. */
    static long dueNanos(int i, double ratePerSecond) {
        return Math.round(i * 1e9 / ratePerSecond);
    }

    public OpenLoop start() {
        scheduler.start();
        return this;
    }

    private void schedule() {
        long start = System.nanoTime();
        for (int i = 0; i < limit && !stop.get(); i++) {
            long due = start + dueNanos(i, ratePerSecond);
            for (long wait; (wait = due - System.nanoTime()) > 0 && !stop.get(); ) {
                LockSupport.parkNanos(wait);
            }
            if (stop.get()) {
                break;
            }
            int index = i;
            synchronized (started) {
                started.add(pool.submit(() -> {
                    maxLagNanos = Math.max(maxLagNanos, System.nanoTime() - due);
                    try {
                        event.run(index);
                    } catch (Exception e) {
                        synchronized (this) {
                            failures++;
                            if (firstFailure == null) {
                                firstFailure = String.valueOf(e);
                            }
                        }
                    }
                    return null;
                }));
            }
        }
    }

    public void stop() {
        stop.set(true);
    }

    /** Waits until the schedule ended (stopped, or {@code limit} events started) and every started event is done. */
    public void awaitDone(long maxSeconds) throws InterruptedException {
        scheduler.join(TimeUnit.SECONDS.toMillis(maxSeconds));
        pool.shutdown();
        if (!pool.awaitTermination(maxSeconds, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
    }

    public int startedCount() {
        synchronized (started) {
            return started.size();
        }
    }

    /** The latest an event started after it was due (the pool was busy: the client fell behind its schedule). */
    public double maxLagMillis() {
        return maxLagNanos / 1e6;
    }

    public synchronized int failures() {
        return failures;
    }

    public synchronized String firstFailure() {
        return firstFailure;
    }
}
