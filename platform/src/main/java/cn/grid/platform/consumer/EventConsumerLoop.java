package cn.grid.platform.consumer;

import cn.grid.platform.events.CloudEvent;
import cn.grid.platform.events.CloudEventCodec;
import cn.grid.platform.tracing.TraceMdc;
import cn.grid.platform.tracing.TraceParent;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Consumes CloudEvents at least once: an offset is committed only after the event's effect committed.
 *
 * <p>Failures are sorted by {@link FailureKind}: a broken event goes to the dead-letter topic with the reason
 * and consumption goes on; a database outage keeps the event (seek back, back off, poll again) however long it
 * lasts; anything else is retried {@code maxAttempts} times and then dead-lettered.
 *
 * <p>A broker outage, however long, ends nothing: a commit that times out or fails on a rebalance keeps its offsets
 * and is tried again after the next poll (polling on keeps the member in its group when the broker is back), and
 * a later commit covers an earlier one. If the KafkaConsumer itself ends for any other reason, this loop is its
 * supervisor: it closes it and starts a fresh one after a back-off, until {@link #stop} is called. Effects whose
 * offsets were not committed are delivered again; the idempotent ledger ({@code processed_event}) absorbs them.
 */
public final class EventConsumerLoop implements Runnable {

    /** Applies an event inside a transaction (dedup + effect); supplied by the framework side. */
    @FunctionalInterface
    public interface Processor {
        void process(CloudEvent event) throws Exception;
    }

    /**
     * How the loop retries.
     *
     * @param maxAttempts tries before an event that keeps failing is dead-lettered
     * @param maxBackoff longest wait before an event that waits for the database is tried again
     * @param commitTimeout how long one offset commit (and one probe) may block before it is left for the next
     *        round; well under {@code max.poll.interval.ms}, so that the loop keeps polling during an outage
     * @param probeInterval how often the loop asks the broker for its partitions' end offsets (lag and contact)
     * @param maxRestartBackoff longest wait before a KafkaConsumer that ended unexpectedly is replaced
     */
    public record Settings(int maxAttempts, Duration maxBackoff, Duration commitTimeout, Duration probeInterval,
            Duration maxRestartBackoff) {

        public static Settings defaults(int maxAttempts) {
            return new Settings(maxAttempts, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5),
                    Duration.ofSeconds(30));
        }
    }

    private static final Logger LOG = Logger.getLogger(EventConsumerLoop.class);
    private static final Duration FIRST_RESTART_BACKOFF = Duration.ofSeconds(1);

    private final String name;
    private final Supplier<Consumer<String, String>> consumers;
    private final Producer<String, String> deadLetters;
    private final String deadLetterTopic;
    private final Collection<String> topics;
    private final CloudEventCodec codec;
    private final Processor processor;
    private final int maxAttempts;
    private final Duration maxBackoff;
    private final Settings settings;
    private final ConsumerStatus status = new ConsumerStatus(Instant.now());
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The current session's KafkaConsumer; only the loop thread uses it, but stop() may wake it up. */
    private volatile Consumer<String, String> consumer;
    /** Offsets of finished events not committed yet (the last commit failed); loop thread only. */
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();

    /** {@code consumers} makes a fresh KafkaConsumer for every session: the first one and every restart. */
    public EventConsumerLoop(String name, Supplier<Consumer<String, String>> consumers,
            Producer<String, String> deadLetters, Collection<String> topics, CloudEventCodec codec,
            Processor processor, Settings settings) {
        this.name = name;
        this.consumers = consumers;
        this.deadLetters = deadLetters;
        this.deadLetterTopic = name + ".dlt";
        this.topics = topics;
        this.codec = codec;
        this.processor = processor;
        this.maxAttempts = settings.maxAttempts();
        this.maxBackoff = settings.maxBackoff();
        this.settings = settings;
    }

    public String name() {
        return name;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** For the health check and the metrics. */
    public ConsumerStatus status() {
        return status;
    }

    /** Supervises sessions: one KafkaConsumer after the other, until stopped. */
    @Override
    public void run() {
        Duration restartBackoff = FIRST_RESTART_BACKOFF;
        try {
            while (stopping.getCount() > 0) {
                Instant began = Instant.now();
                String failure = session();
                status.sessionEnded(Instant.now(), failure);
                if (failure == null || stopping.getCount() == 0) {
                    break;
                }
                // a session that lasted a while was a fresh failure, not the same one again: start over quickly
                if (Duration.between(began, Instant.now()).compareTo(settings.maxRestartBackoff()) > 0) {
                    restartBackoff = FIRST_RESTART_BACKOFF;
                }
                LOG.warnf("consumer %s: a new KafkaConsumer starts in %d ms (restart %d)", name,
                        restartBackoff.toMillis(), status.restarts());
                if (awaitStop(restartBackoff)) {
                    break;
                }
                restartBackoff = restartBackoff.multipliedBy(2).compareTo(settings.maxRestartBackoff()) > 0
                        ? settings.maxRestartBackoff() : restartBackoff.multipliedBy(2);
            }
        } finally {
            stopped.countDown();
        }
    }

    /** One KafkaConsumer from start to close. Returns null when stopped, else what ended it. */
    private String session() {
        Consumer<String, String> current;
        try {
            current = consumers.get();
        } catch (RuntimeException e) {
            LOG.errorf(e, "consumer %s could not be created", name);
            return describe(e);
        }
        consumer = current;
        pending.clear();
        try {
            if (stopping.getCount() == 0) {
                return null; // stop() came before this consumer was there to wake up
            }
            status.sessionStarted(Instant.now());
            consumeUntilStopped();
            return null;
        } catch (WakeupException e) {
            if (stopping.getCount() == 0) {
                return null;
            }
            LOG.errorf(e, "consumer %s stopped unexpectedly", name);
            return describe(e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "consumer %s stopped unexpectedly", name);
            return describe(e);
        } finally {
            try {
                current.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debugf("consumer %s: close: %s", name, e);
            }
        }
    }

    private void consumeUntilStopped() {
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // last chance to commit what this member finished before another one takes the partitions over
                Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>(pending);
                leaving.keySet().retainAll(partitions);
                if (!leaving.isEmpty()) {
                    try {
                        consumer.commitSync(leaving, settings.commitTimeout());
                    } catch (WakeupException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        LOG.warnf("consumer %s: offsets of revoked partitions not committed (%s); their new owner "
                                + "gets those events again and the ledger skips them", name, e.getMessage());
                    }
                }
                pending.keySet().removeAll(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // positions come from the committed offsets: nothing to do
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                // someone else may own them already: committing now could move their offsets backwards
                pending.keySet().removeAll(partitions);
            }
        });
        Duration backoff = Duration.ofMillis(100);
        Instant nextProbe = Instant.now();
        while (stopping.getCount() > 0) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
            status.polled(Instant.now());
            if (!records.isEmpty()) {
                boolean allDone = consumeBatch(records);
                commitPending();
                if (allDone) {
                    backoff = Duration.ofMillis(100);
                } else if (awaitStop(backoff)) {
                    break;
                } else {
                    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                }
            } else if (!pending.isEmpty()) {
                commitPending();
            }
            if (!Instant.now().isBefore(nextProbe)) {
                probe();
                nextProbe = Instant.now().plus(settings.probeInterval());
            }
        }
        if (!pending.isEmpty()) {
            commitPending();
        }
    }

    /** Stops polling, lets the current event finish, and closes the consumer. */
    public void stop(Duration timeout) {
        stopping.countDown();
        Consumer<String, String> current = consumer;
        if (current != null) {
            try {
                current.wakeup();
            } catch (RuntimeException e) {
                LOG.debugf("consumer %s: wakeup: %s", name, e);
            }
        }
        try {
            stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns false when an event must wait for a dependency to come back (the caller backs off). */
    private boolean consumeBatch(ConsumerRecords<String, String> records) {
        boolean allDone = true;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, String> record : records.records(partition)) {
                if (!consume(record)) {
                    consumer.seek(partition, record.offset());
                    allDone = false;
                    break;
                }
                pending.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        return allDone;
    }

    /**
     * Commits the finished offsets. A commit that fails keeps them for the next round instead of ending the loop:
     * the effects are in the database already, and a later commit of a higher offset covers this one.
     */
    private void commitPending() {
        try {
            consumer.commitSync(new HashMap<>(pending), settings.commitTimeout());
            pending.clear();
            if (status.failingSince() != null) {
                LOG.infof("consumer %s: offsets commit again (failing since %s)", name, status.failingSince());
            }
            status.contact(Instant.now());
        } catch (WakeupException e) {
            throw e;
        } catch (RetriableException | RebalanceInProgressException | CommitFailedException e) {
            // RetriableException: a timeout or RetriableCommitFailedException while the broker or the group
            // coordinator is away. The other two: the group rebalanced under us; the next poll rejoins it, the
            // rebalance listener drops the offsets of partitions that went elsewhere, and the rest are tried again.
            failedContact("offset commit failed: " + describe(e));
        }
    }

    /** Asks the broker for the end offsets of this member's partitions: proves contact and measures the lag. */
    private void probe() {
        try {
            Set<TopicPartition> assigned = consumer.assignment();
            Map<TopicPartition, Long> lags = new HashMap<>();
            if (assigned.isEmpty()) {
                // no partitions (yet, or more members than partitions): contact is a metadata round trip
                // (listTopics always asks the broker; partitionsFor would answer from its cache)
                consumer.listTopics(settings.commitTimeout());
            } else {
                Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, settings.commitTimeout());
                for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                    lags.put(end.getKey(),
                            Math.max(0, end.getValue() - consumer.position(end.getKey(), settings.commitTimeout())));
                }
            }
            // the broker answered; but offsets still waiting to be committed mean the consumer is not done failing
            status.probed(Instant.now(), lags, pending.isEmpty());
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            failedContact("broker not reachable: " + describe(e));
        }
    }

    private void failedContact(String error) {
        if (status.failingSince() == null) {
            LOG.warnf("consumer %s: %s; retrying while polling on", name, error);
        } else {
            LOG.debugf("consumer %s: %s", name, error);
        }
        status.failed(Instant.now(), error);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** True when the record is finished with (applied, skipped or dead-lettered). */
    private boolean consume(ConsumerRecord<String, String> record) {
        // the producer's trace, if the record carries one: the handler's log lines and the events it writes
        // (the outbox reads the MDC when no HTTP request is being served) stay in that trace
        Header traceparent = record.headers().lastHeader(TraceParent.HEADER);
        TraceMdc.put(traceparent == null ? null : new String(traceparent.value(), StandardCharsets.US_ASCII));
        try {
            return consumeTraced(record);
        } finally {
            TraceMdc.clear();
        }
    }

    private boolean consumeTraced(ConsumerRecord<String, String> record) {
        CloudEvent event;
        try {
            event = codec.read(record.value() == null ? "" : record.value());
        } catch (RuntimeException e) {
            return deadLetter(record, e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                processor.process(event);
                return true;
            } catch (Exception e) {
                FailureKind kind = FailureKind.of(e);
                if (kind == FailureKind.POISON || kind == FailureKind.UNKNOWN && attempt >= maxAttempts) {
                    return deadLetter(record, e);
                }
                if (kind == FailureKind.TRANSIENT) {
                    LOG.warnf("consumer %s: event %s waits for a dependency: %s", name, event.id(), e.getMessage());
                    return false;
                }
                LOG.warnf("consumer %s: event %s failed (attempt %d of %d): %s", name, event.id(), attempt,
                        maxAttempts, e.getMessage());
                if (awaitStop(Duration.ofMillis(100L << attempt))) {
                    return false;
                }
            }
        }
    }

    private boolean deadLetter(ConsumerRecord<String, String> record, Exception reason) {
        ProducerRecord<String, String> letter = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
        record.headers().forEach(h -> letter.headers().add(h));
        letter.headers().add("dlt-reason", String.valueOf(rootMessage(reason)).getBytes(StandardCharsets.UTF_8));
        letter.headers().add("dlt-original-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        letter.headers().add("dlt-original-partition",
                Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        letter.headers().add("dlt-original-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        letter.headers().add("dlt-consumer", name.getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(letter).get(10, TimeUnit.SECONDS);
            status.deadLettered();
            LOG.errorf("consumer %s: %s-%d@%d dead-lettered to %s: %s", name, record.topic(), record.partition(),
                    record.offset(), deadLetterTopic, rootMessage(reason));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warnf("consumer %s: dead-letter topic unavailable (%s); keeping the event", name, e.getMessage());
            return false;
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private boolean awaitStop(Duration duration) {
        try {
            return stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
