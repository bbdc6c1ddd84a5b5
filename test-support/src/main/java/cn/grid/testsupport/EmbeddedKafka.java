package cn.grid.testsupport;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One real single-node Kafka (KRaft, combined broker + controller) per test JVM.
 *
 * <p>Started lazily on first use and closed by a shutdown hook, so every test class of a module shares
 * the ~3 s start-up cost once. Tests keep apart by topic name or consumer group, never by broker.
 */
public final class EmbeddedKafka {

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final List<java.util.logging.Logger> QUIET = Stream.of("kafka", "org.apache.kafka",
            "state.change.logger").map(java.util.logging.Logger::getLogger).toList();

    private static KafkaClusterTestKit cluster;
    private static Path dataDirectory;

    private EmbeddedKafka() {
    }

    /** Starts the broker if needed and returns its bootstrap address. */
    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            // the broker logs every partition and group move at INFO: thousands of lines that hide test output
            QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
            cluster = start();
            KafkaClusterTestKit started = cluster;
            Path data = dataDirectory;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started, data), "embedded-kafka-stop"));
        }
        return cluster.bootstrapServers();
    }

    private static KafkaClusterTestKit start() {
        try {
            // our own folder, removed by our own hook after the broker stopped (not before, as a temp-dir hook would)
            dataDirectory = Files.createTempDirectory("grid-embedded-kafka");
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setBaseDirectory(dataDirectory)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .setDeleteOnClose(false)
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker", e);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit kit, Path data) {
        try {
            kit.close();
        } catch (Exception ignored) {
            // the JVM is going down; nothing left to clean up for
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
