package cn.grid.platform.consumer;

import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How one consumer is doing, written by its loop thread and read by the health check and the metrics.
 *
 * <p>A Kafka consumer's {@code poll} returns nothing, without an error, whether the topic is quiet or the broker is
 * gone; so contact with the broker is judged by what does fail when it is gone: offset commits and the loop's
 * periodic probe (end offsets of its partitions, which also give the lag).
 */
public final class ConsumerStatus {

    private volatile boolean running;
    private volatile Instant since;
    private volatile Instant lastPoll;
    private volatile Instant lastContact;
    private volatile Instant failingSince;
    private volatile String lastError;
    /** Records behind the end of the partitions this instance holds; -1 until the first probe. */
    private volatile long lag = -1;
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    /** Records behind per partition this instance held at the last probe (empty before it, or with none held). */
    private volatile Map<TopicPartition, Long> partitionLags = Map.of();
    /** Told each probe's partition lags (the per-partition gauges); a no-op unless metrics are bound. */
    private volatile Consumer<Map<TopicPartition, Long>> partitionLagListener = lags -> { };

    public ConsumerStatus(Instant now) {
        this.since = now;
    }

    /** A fresh KafkaConsumer has started consuming. */
    void sessionStarted(Instant now) {
        running = true;
        since = now;
    }

    /** The KafkaConsumer ended, unexpectedly when {@code error} is not null (the supervisor starts a new one). */
    void sessionEnded(Instant now, String error) {
        running = false;
        since = now;
        if (error != null) {
            restarts.incrementAndGet();
            failed(now, error);
        }
    }

    void polled(Instant now) {
        lastPoll = now;
    }

    /** A commit or a probe went through: the broker is there. */
    void contact(Instant now) {
        lastContact = now;
        failingSince = null;
        lastError = null;
    }

    /**
     * A probe went through: the lag of each partition this instance holds is known; {@code recovered} unless
     * commits are still failing.
     */
    void probed(Instant now, Map<TopicPartition, Long> lags, boolean recovered) {
        this.partitionLags = Map.copyOf(lags);
        // the per-partition series first: whoever sees the new total sees them too
        partitionLagListener.accept(partitionLags);
        this.lag = lags.values().stream().mapToLong(Long::longValue).sum();
        if (recovered) {
            contact(now);
        } else {
            lastContact = now;
        }
    }

    /** An event was written to the dead-letter topic. */
    void deadLettered() {
        deadLettered.incrementAndGet();
    }

    void onPartitionLags(Consumer<Map<TopicPartition, Long>> listener) {
        this.partitionLagListener = listener;
        listener.accept(partitionLags);
    }

    void failed(Instant now, String error) {
        if (failingSince == null) {
            failingSince = now;
        }
        lastError = error;
    }

    /**
     * Why the consumer has not been consuming for longer than {@code tolerance} (a blip within it is ridden out by
     * the retries), or null when it is consuming.
     */
    public String stuck(Instant now, Duration tolerance) {
        if (!running) {
            return Duration.between(since, now).compareTo(tolerance) > 0 ? "not running since " + since : null;
        }
        Instant failing = failingSince;
        if (failing != null && Duration.between(failing, now).compareTo(tolerance) > 0) {
            return "failing since " + failing + ": " + lastError;
        }
        Instant polled = lastPoll == null ? since : lastPoll;
        if (Duration.between(polled, now).compareTo(tolerance) > 0) {
            return "no poll since " + polled;
        }
        return null;
    }

    public boolean running() {
        return running;
    }

    public Instant lastPoll() {
        return lastPoll;
    }

    public Instant lastContact() {
        return lastContact;
    }

    public Instant failingSince() {
        return failingSince;
    }

    public String lastError() {
        return lastError;
    }

    public long lag() {
        return lag;
    }

    public long restarts() {
        return restarts.get();
    }

    /** Events this consumer wrote to its dead-letter topic since the start. */
    public long deadLetteredCount() {
        return deadLettered.get();
    }

    public Map<TopicPartition, Long> partitionLags() {
        return partitionLags;
    }
}
