package cn.grid.platform.idempotency;

import cn.grid.platform.retention.RowRetention;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Forgets {@code Idempotency-Key}s older than {@code grid.idempotency.retention} (default a week), once an hour:
 * every keyed create leaves a row in {@code idempotency_key}, and without this the table only grows. A retry
 * within the retention gets the first outcome back; a later one with the same key is a new create — clients retry
 * within minutes (the gateway at once, an app's offline queue when it is back online), not after a week.
 * Every instance purges; the deletes are idempotent, so instances need not agree on who does it.
 */
@ApplicationScoped
public class IdempotencyKeyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeyPurge.class);

    private final DataSource dataSource;
    private final Duration retention;
    private final Duration every;
    private ScheduledExecutorService scheduler;

    public IdempotencyKeyPurge(AgroalDataSource dataSource,
            IdempotencyConfig config) {
        this.dataSource = dataSource;
        this.retention = config.retention();
        this.every = config.purgeEvery();
    }

    /** Deletes the keys recorded longer ago than {@code retention}; returns how many. */
    public static int purge(DataSource dataSource, Duration retention) throws SQLException {
        return RowRetention.deleteOlderThan(dataSource, "idempotency_key", "created_at", retention);
    }

    void onStart(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "idempotency-key-purge");
            thread.setDaemon(true);
            return thread;
        });
        // the first run a minute after start: not while the instance is warming up
        scheduler.scheduleWithFixedDelay(this::purgeNow, 60, every.toSeconds(), TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void purgeNow() {
        try {
            int purged = purge(dataSource, retention);
            LOG.debugf("purged %d idempotency keys older than %s", purged, retention);
        } catch (SQLException | RuntimeException e) {
            // the database may be away for a while: the next run tries again
            LOG.warnf("idempotency key purge failed: %s", e.getMessage());
        }
    }
}
