package cn.grid.platform.consumer;

import cn.grid.platform.events.CloudEvent;
import cn.grid.platform.events.CloudEventCodec;
import cn.grid.platform.tracing.TraceMdc;
import cn.grid.platform.tracing.TraceParent;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Consumes CloudEvents at least once: an offset is committed only after the event's effect committed.
 *
 * <p>Failures are sorted by {@link FailureKind}: a broken event goes to the dead-letter topic with the reason
 * and consumption goes on; a database outage keeps the event (seek back, back off, poll again) however long it
 * lasts; anything else is retried {@code maxAttempts} times and then dead-lettered.
 */
public final class EventConsumerLoop implements Runnable {

    /** Applies an event inside a transaction (dedup + effect); supplied by the framework side. */
    @FunctionalInterface
    public interface Processor {
        void process(CloudEvent event) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(EventConsumerLoop.class);

    private final String name;
    private final Consumer<String, String> consumer;
    private final Producer<String, String> deadLetters;
    private final String deadLetterTopic;
    private final Collection<String> topics;
    private final CloudEventCodec codec;
    private final Processor processor;
    private final int maxAttempts;
    private final Duration maxBackoff;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public EventConsumerLoop(String name, Consumer<String, String> consumer, Producer<String, String> deadLetters,
            Collection<String> topics, CloudEventCodec codec, Processor processor, int maxAttempts,
            Duration maxBackoff) {
        this.name = name;
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.deadLetterTopic = name + ".dlt";
        this.topics = topics;
        this.codec = codec;
        this.processor = processor;
        this.maxAttempts = maxAttempts;
        this.maxBackoff = maxBackoff;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    @Override
    public void run() {
        Duration backoff = Duration.ofMillis(100);
        try {
            consumer.subscribe(topics);
            while (stopping.getCount() > 0) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                if (consumeBatch(records)) {
                    backoff = Duration.ofMillis(100);
                } else if (awaitStop(backoff)) {
                    break;
                } else {
                    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            if (stopping.getCount() > 0) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "consumer %s stopped unexpectedly", name);
            throw e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
            stopped.countDown();
        }
    }

    /** Stops polling, lets the current event finish, and closes the consumer. */
    public void stop(Duration timeout) {
        stopping.countDown();
        consumer.wakeup();
        try {
            stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns false when an event must wait for a dependency to come back (the caller backs off). */
    private boolean consumeBatch(ConsumerRecords<String, String> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean allDone = true;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, String> record : records.records(partition)) {
                if (!consume(record)) {
                    consumer.seek(partition, record.offset());
                    allDone = false;
                    break;
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
        return allDone;
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
