package cn.grid.platform.security.registry;

import cn.grid.platform.listen.PgChannelListener;
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

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

/**
 * The registry rights of recent callers, per subject, so a request does not read the registry each time.
 *
 * <p>Why it is never stale for long: every table a {@link RegistryRightsSource} reads has a trigger that sends
 * {@code NOTIFY grid_rights, '<subject>'} when a row changes, in the changing transaction, so the notification
 * arrives when it commits. A {@link PgChannelListener} of each instance drops that subject's entry (an empty payload drops
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
    private volatile PgChannelListener listener;

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
                || !listening() && System.nanoTime() - entry.loadedAtNanos() > unlistenedTtlNanos) {
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
        return listener != null && listener.listening();
    }

    void forget(String subject) {
        if (subject == null || subject.isEmpty()) {
            entries.invalidateAll();
        } else {
            entries.invalidate(subject);
        }
    }

    void onStart(@Observes StartupEvent event) {
        PgChannelListener.Handler handler = new PgChannelListener.Handler() {
            @Override
            public void listening() {
                // anything may have changed while nobody listened
                entries.invalidateAll();
            }

            @Override
            public void notified(String subject) {
                forget(subject);
            }

            @Override
            public void lost(Exception cause) {
                LOG.warnf("registry rights: not listening for changes (%s); cached rights live %d ms meanwhile",
                        cause.getMessage(), TimeUnit.NANOSECONDS.toMillis(unlistenedTtlNanos));
            }
        };
        listener = new PgChannelListener(dataSource, RegistryRightsSource.CHANGE_CHANNEL, handler);
        listener.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (listener != null) {
            listener.stop();
        }
    }
}
