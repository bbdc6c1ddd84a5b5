package cn.grid.platform.security.registry;

import cn.grid.platform.security.PersonRights;
import cn.grid.platform.time.GridCalendar;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The registry rights of recent callers, per subject, so a request does not read the registry each time.
 *
 * <p>Why it is never stale for long: every table a {@link RegistryRightsSource} reads has a trigger that sends
 * {@code NOTIFY grid_rights, '<subject>'} when a row changes, in the changing transaction, so the notification
 * arrives when it commits. A thread of each instance listens and drops that subject's entry (an empty payload drops
 * them all). A reassignment in grid-service thus reaches a service as soon as its read-model consumer has applied the
 * event: milliseconds after the commit. While the listening connection is down (database restart), entries live at
 * most {@code grid.rights.unlistened-ttl} (1 s), and everything is dropped when it is back, as notifications may
 * have been missed. Entries also expire after {@code grid.rights.ttl} (60 s) and at midnight (grants have dates).
 */
@ApplicationScoped
public class RegistryRightsCache {

    private static final Logger LOG = Logger.getLogger(RegistryRightsCache.class);

    private record Entry(PersonRights rights, LocalDate day, long loadedAtNanos) {
    }

    private final RegistryRightsSource source;
    private final GridCalendar calendar;
    private final AgroalDataSource dataSource;
    private final long unlistenedTtlNanos;
    private final Cache<String, Entry> entries;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean listening;
    private Thread listener;

    public RegistryRightsCache(RegistryRightsSource source, GridCalendar calendar, AgroalDataSource dataSource,
            RightsConfig config) {
        this.source = source;
        this.calendar = calendar;
        this.dataSource = dataSource;
        this.unlistenedTtlNanos = config.unlistenedTtl().toNanos();
        this.entries = Caffeine.newBuilder().maximumSize(config.maxSize()).expireAfterWrite(config.ttl()).build();
    }

    /** The cached rights of {@code subject} if they are fresh, without touching the database; null otherwise. */
    public PersonRights cached(String subject) {
        Entry entry = entries.getIfPresent(subject);
        if (entry == null || !entry.day().equals(calendar.today())
                || !listening && System.nanoTime() - entry.loadedAtNanos() > unlistenedTtlNanos) {
            return null;
        }
        return entry.rights();
    }

    /** The rights of {@code subject}, read from the registry when not cached fresh. Blocks on a miss. */
    public PersonRights rightsOf(String subject) {
        PersonRights hit = cached(subject);
        if (hit != null) {
            return hit;
        }
        LocalDate today = calendar.today();
        long started = System.nanoTime();
        PersonRights rights = source.load(subject, today);
        entries.put(subject, new Entry(rights, today, started));
        return rights;
    }

    /** Whether change notifications are being received (else entries live only {@code unlistened-ttl}). */
    public boolean listening() {
        return listening;
    }

    void forget(String subject) {
        if (subject == null || subject.isEmpty()) {
            entries.invalidateAll();
        } else {
            entries.invalidate(subject);
        }
    }

    void onStart(@Observes StartupEvent event) {
        listener = new Thread(this::listen, "registry-rights-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping.countDown();
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        long backoffMillis = 100;
        while (stopping.getCount() > 0) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + RegistryRightsSource.CHANGE_CHANNEL);
                }
                // anything may have changed while nobody listened
                entries.invalidateAll();
                listening = true;
                backoffMillis = 100;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (stopping.getCount() > 0) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            forget(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stopping.getCount() == 0) {
                    return;
                }
                LOG.warnf("registry rights: not listening for changes (%s); cached rights live %d ms meanwhile",
                        e.getMessage(), TimeUnit.NANOSECONDS.toMillis(unlistenedTtlNanos));
            } finally {
                listening = false;
            }
            try {
                if (stopping.await(backoffMillis, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            backoffMillis = Math.min(backoffMillis * 2, 5000);
        }
    }
}
