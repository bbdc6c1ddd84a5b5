package cn.grid.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Plays a producing service towards a consumer under test: publishes events on the real broker, built from
 * the producer's own examples in the contracts module (so a change of the contract breaks these tests).
 */
public final class TestGridEvents {

    public static final String TOPIC = "grid.events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, String> producer;

    private TestGridEvents() {
    }

    /** The checked-in example of an event type, e.g. {@code grid.node.created.v1} (contracts' {@code events/}). */
    public static String example(String name) {
        String resource = "events/" + name + ".example.json";
        try (InputStream in = TestGridEvents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no example event " + resource + " in the contracts module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the example event " + resource, e);
        }
    }

    /**
     * Publishes the example {@code name} as a new event (fresh id and time) about {@code subject}, with the
     * given data fields replaced (a null value writes JSON null); returns the event id.
     */
    public static String publish(String name, UUID subject, Map<String, Object> data) {
        return publish(TOPIC, name, subject, data);
    }

    /** As {@link #publish(String, UUID, Map)}, on another producer's topic (e.g. request.events). */
    public static String publish(String topic, String name, UUID subject, Map<String, Object> data) {
        return publish(topic, name, subject, data, null);
    }

    /**
     * As {@link #publish(String, String, UUID, Map)}, with the envelope's {@code subjectsequence} (the event's
     * number among its subject's events, as the outbox stamps it; null for none, as events from before it).
     */
    public static String publish(String topic, String name, UUID subject, Map<String, Object> data,
            Long subjectSequence) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(example(name));
            String eventId = UUID.randomUUID().toString();
            event.put("id", eventId);
            event.put("subject", subject.toString());
            event.put("time", Instant.now().toString());
            event.remove("subjectsequence");
            if (subjectSequence != null) {
                event.put("subjectsequence", subjectSequence);
            }
            ObjectNode body = (ObjectNode) event.get("data");
            data.forEach((field, value) -> body.set(field, JSON.valueToTree(value)));
            send(topic, subject.toString(), JSON.writeValueAsString(event));
            return eventId;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes a grid.node.created.v1 event for a node with this id and path; returns the event id. */
    public static String nodeCreated(UUID nodeId, UUID parentId, String path, String level, String code, String name) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("nodeId", nodeId.toString());
        data.put("parentId", parentId == null ? null : parentId.toString());
        data.put("path", path);
        data.put("level", level);
        data.put("code", code);
        data.put("name", name);
        return publish("grid.node.created.v1", nodeId, data);
    }

    /** Sends a raw record to grid.events (for redelivery and poison-event tests). */
    public static void send(String key, String value) {
        send(TOPIC, key, value);
    }

    /** Sends a raw record to any topic (a redelivery of the very same event, to another producer's topic). */
    public static synchronized void send(String topic, String key, String value) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish a test grid event", e);
        }
    }
}
