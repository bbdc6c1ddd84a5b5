package cn.grid.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link OutboxRelay} on its own thread for the life of the service.
 *
 * <p>The thread sleeps on PostgreSQL {@code LISTEN outbox_event}: the outbox trigger's {@code NOTIFY} arrives
 * when a writing transaction commits, so an event is on Kafka a few milliseconds later. A short poll interval
 * backs the notification up (a missed notify after a reconnect costs at most one interval). While Kafka or
 * the database is down it backs off exponentially, up to {@code grid.outbox.max-backoff}.
 */
@ApplicationScoped
public class OutboxRelayRunner {

    private static final Logger LOG = Logger.getLogger(OutboxRelayRunner.class);

    private final AgroalDataSource dataSource;
    private final String bootstrapServers;
    private final String topic;
    private final int partitions;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final Duration retention;
    private final boolean enabled;
    private final String applicationName;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final RelayStatus status = new RelayStatus();

    private Producer<String, String> producer;
    private OutboxRelay relay;
    private volatile Thread thread;
    private Connection listenConnection;

    public OutboxRelayRunner(AgroalDataSource dataSource,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            EventsConfig events, OutboxConfig outbox,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
        this.topic = events.topic();
        this.partitions = events.partitions();
        this.batchSize = outbox.batchSize();
        this.pollInterval = outbox.pollInterval();
        this.maxBackoff = outbox.maxBackoff();
        this.retention = outbox.retention();
        this.enabled = outbox.enabled();
        this.applicationName = applicationName;
    }

    /** For the health check and the metrics: how publishing goes. */
    public RelayStatus status() {
        return status;
    }

    /** Whether this instance relays at all: enabled, and its thread is alive (not ended by an Error). */
    public boolean relaying() {
        Thread relayThread = thread;
        return enabled && relayThread != null && relayThread.isAlive();
    }

    /** The topic this service's outbox publishes to. */
    public String topic() {
        return topic;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("outbox relay disabled (grid.outbox.enabled=false)");
            return;
        }
        ensureTopic();
        producer = new KafkaProducer<>(KafkaClients.producer(bootstrapServers, applicationName + "-outbox"));
        relay = new OutboxRelay(dataSource, producer, batchSize, Duration.ofSeconds(10));
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping.countDown();
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close(Duration.ofSeconds(2));
        }
    }

    private void run() {
        try {
            relayUntilStopped();
        } finally {
            closeListenConnection();
        }
    }

    private void relayUntilStopped() {
        Duration backoff = Duration.ofMillis(100);
        Instant nextPurge = Instant.now().plus(Duration.ofMinutes(1));
        while (stopping.getCount() > 0) {
            try {
                int published = relay.publishBatch();
                status.succeeded(Instant.now(), published);
                backoff = Duration.ofMillis(100);
                if (Instant.now().isAfter(nextPurge)) {
                    int purged = relay.purgeSent(retention);
                    LOG.debugf("purged %d sent outbox rows", purged);
                    nextPurge = Instant.now().plus(Duration.ofHours(1));
                }
                if (published < batchSize) {
                    awaitNotification();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (stopping.getCount() == 0) {
                    return;
                }
                status.failed(Instant.now(), e.getMessage());
                LOG.warnf("outbox relay: %s; retrying in %d ms", e.getMessage(), backoff.toMillis());
                closeListenConnection();
                if (awaitStop(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private void awaitNotification() throws SQLException {
        if (listenConnection == null) {
            listenConnection = dataSource.getConnection();
            try (Statement statement = listenConnection.createStatement()) {
                statement.execute("LISTEN outbox_event");
            }
        }
        // returns on the first NOTIFY or after the poll interval, whichever comes first
        listenConnection.unwrap(PGConnection.class).getNotifications((int) Math.max(1, pollInterval.toMillis()));
    }

    private boolean awaitStop(Duration duration) {
        try {
            return stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private synchronized void closeListenConnection() {
        if (listenConnection != null) {
            try {
                listenConnection.close();
            } catch (SQLException ignored) {
                // a broken connection is what we are getting rid of
            }
            listenConnection = null;
        }
    }

    /** Creates the service's topic with its partition count if the broker does not have it yet. */
    private void ensureTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) -1))).all().get(6, TimeUnit.SECONDS);
            LOG.infof("created topic %s with %d partitions", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf("could not create topic %s now (%s); the relay will retry publishing", topic, e.getCause());
            }
        } catch (Exception e) {
            LOG.warnf("could not create topic %s now (%s); the relay will retry publishing", topic, e.toString());
        }
    }
}
