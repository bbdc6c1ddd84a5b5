package cn.grid.platform.consumer;

import cn.grid.platform.tracing.EventTracing;
import io.opentelemetry.api.OpenTelemetry;
import cn.grid.platform.events.CloudEvent;
import cn.grid.platform.events.CloudEventCodec;
import cn.grid.platform.events.MalformedEventException;
import cn.grid.platform.outbox.KafkaClients;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts idempotent consumers: each event is handled in its own transaction that first records
 * {@code (consumer, event id)} — a redelivered event finds its row and has no second effect.
 * Event types without a handler are skipped (newer producers may add types before consumers know them).
 */
@ApplicationScoped
public class EventConsumers {

    /**
     * A key of the handler map that stands for every type without a handler of its own (a consumer that forwards
     * whatever a topic carries, such as notification-service's webhooks).
     */
    public static final String EVERY_TYPE = "*";

    private final ProcessedEvents processedEvents;
    private final CloudEventCodec codec;
    private final String bootstrapServers;
    private final int maxAttempts;
    private final ConsumerSupervision supervision;
    private final EventTracing tracing;
    private final List<EventConsumerLoop> loops = new CopyOnWriteArrayList<>();
    private Producer<String, String> deadLetters;

    public EventConsumers(ProcessedEvents processedEvents, ObjectMapper mapper,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ConsumerConfig config, ConsumerSupervision supervision, OpenTelemetry openTelemetry) {
        this.processedEvents = processedEvents;
        this.tracing = new EventTracing(openTelemetry);
        this.codec = new CloudEventCodec(mapper);
        this.bootstrapServers = bootstrapServers;
        this.maxAttempts = config.maxAttempts();
        this.supervision = supervision;
    }

    /** The codec consumers use to read typed data out of an event. */
    public CloudEventCodec codec() {
        return codec;
    }

    /**
     * Starts consumer group {@code consumerName} on {@code topic}; {@code handlers} maps event types to effects
     * ({@link #EVERY_TYPE} to the effect of every type not named).
     * Failed events go to {@code <consumerName>.dlt}. The loop supervises its KafkaConsumer: one that ends
     * unexpectedly is replaced by a fresh one (see {@link EventConsumerLoop}); {@link ConsumerSupervision} watches it.
     */
    public synchronized EventConsumerLoop start(String consumerName, String topic, Map<String, EventHandler> handlers) {
        if (deadLetters == null) {
            deadLetters = new KafkaProducer<>(KafkaClients.producer(bootstrapServers, consumerName + "-dlt"));
        }
        EventConsumerLoop loop = new EventConsumerLoop(consumerName,
                () -> new KafkaConsumer<>(KafkaClients.consumer(bootstrapServers, consumerName)), deadLetters,
                List.of(topic), codec, event -> process(consumerName, handlers, event),
                supervision.settings(maxAttempts), tracing);
        supervision.watch(loop);
        Thread thread = new Thread(loop, "consumer-" + consumerName);
        thread.setDaemon(true);
        thread.start();
        loops.add(loop);
        return loop;
    }

    private void process(String consumerName, Map<String, EventHandler> handlers, CloudEvent event) {
        EventHandler handler = handlers.getOrDefault(event.type(), handlers.get(EVERY_TYPE));
        if (handler == null) {
            return;
        }
        UUID eventId = parseId(event);
        QuarkusTransaction.requiringNew().run(() -> {
            if (processedEvents.markFirstDelivery(consumerName, eventId, event.type())) {
                handler.handle(event);
            }
        });
    }

    private static UUID parseId(CloudEvent event) {
        try {
            return UUID.fromString(event.id());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event id is not a UUID: " + event.id());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        loops.forEach(loop -> loop.stop(Duration.ofSeconds(5)));
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(2));
        }
    }
}
