package cn.grid.testsupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Plays grid-service towards a consuming service under test: publishes grid events on the real broker,
 * built from the producer's own example in docs/events (so a change of the contract breaks these tests).
 */
public final class TestGridEvents {

    public static final String TOPIC = "grid.events";
    private static KafkaProducer<String, String> producer;

    private TestGridEvents() {
    }

    /** The checked-in example of an event type, e.g. {@code grid.node.created.v1}. */
    public static String example(String name) {
        Path file = repoRoot().resolve("docs/events/" + name + ".example.json");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("no example event " + file, e);
        }
    }

    /** Publishes a grid.node.created.v1 event for a node with this id and path; returns the event id. */
    public static String nodeCreated(UUID nodeId, UUID parentId, String path, String level, String code, String name) {
        String eventId = UUID.randomUUID().toString();
        String example = example("grid.node.created.v1");
        String json = example
                .replaceFirst("\"id\": \"[^\"]+\"", "\"id\": \"" + eventId + "\"")
                .replaceFirst("\"subject\": \"[^\"]+\"", "\"subject\": \"" + nodeId + "\"")
                .replaceFirst("\"time\": \"[^\"]+\"", "\"time\": \"" + Instant.now() + "\"")
                .replaceFirst("\"nodeId\": \"[^\"]+\"", "\"nodeId\": \"" + nodeId + "\"")
                .replaceFirst("\"parentId\": \"[^\"]+\"", parentId == null ? "\"parentId\": null"
                        : "\"parentId\": \"" + parentId + "\"")
                .replaceFirst("\"path\": \"[^\"]+\"", "\"path\": \"" + path + "\"")
                .replaceFirst("\"level\": \"[^\"]+\"", "\"level\": \"" + level + "\"")
                .replaceFirst("\"code\": \"[^\"]+\"", "\"code\": \"" + code + "\"")
                .replaceFirst("\"name\": \"[^\"]+\"", "\"name\": \"" + name + "\"");
        send(nodeId.toString(), json);
        return eventId;
    }

    /** Sends a raw record to grid.events (for redelivery and poison-event tests). */
    public static synchronized void send(String key, String value) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        }
        try {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish a test grid event", e);
        }
    }

    private static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/events")) && Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (with docs/events) above "
                + Path.of("").toAbsolutePath());
    }
}
