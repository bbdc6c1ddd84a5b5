package cn.grid.notification.app;

import cn.grid.notification.config.NotificationConfig;
import cn.grid.notification.domain.Notification;
import cn.grid.notification.domain.Recipient;
import cn.grid.notification.persistence.InboxSignals;
import cn.grid.notification.persistence.InboxTail;
import cn.grid.platform.listen.PgChannelListener;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live streams open on this instance, by inbox, and what wakes them.
 *
 * <p>No stream holds a thread or a database connection while it waits. One listening connection per instance
 * ({@link InboxSignals}) hears the recipient key of every notification committed to any inbox, by any instance; it
 * wakes that inbox's streams here, and each woken stream reads {@code seq > last sent} from the table on one of a few
 * reader threads ({@code grid.notification.stream.readers}), in batches, until it is caught up. A stream is read by
 * one thread at a time and sends in seq order, so nothing is sent twice on one connection; and as one inbox's
 * notifications commit in seq order (V1__inbox.sql), a stream that has sent n never later finds an n−1, so a client
 * that reconnects with the last id it got misses nothing.
 *
 * <p>A stream without Last-Event-ID starts after the inbox's newest notification as it opens. Each time
 * the listening connection is (re-)established every stream is woken, since commits may have gone unheard. A stream
 * that cannot read (database away) is ended: its client reconnects after the {@code retry:} delay and resumes. At
 * shutdown every stream is ended cleanly, so clients resume on another instance.
 */
@ApplicationScoped
public class NotificationStreams {

    private static final Logger LOG = Logger.getLogger(NotificationStreams.class);

    private final InboxTail tail;
    private final InboxSignals signals;
    private final NotificationConfig.Stream config;
    private final Map<String, Set<OpenStream>> byRecipient = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService readers;
    private final ScheduledExecutorService heartbeats;
    private volatile PgChannelListener listener;
    private volatile boolean stopping;

    public NotificationStreams(InboxTail tail, InboxSignals signals, NotificationConfig config) {
        this.tail = tail;
        this.signals = signals;
        this.config = config.stream();
        this.readers = Executors.newFixedThreadPool(this.config.readers(), daemon("notification-stream-reader"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("notification-stream-heartbeat"));
    }

    /** One open stream: a client's connection on one inbox. */
    public final class OpenStream {

        private final Recipient recipient;
        private final StreamOutlet outlet;
        private final AtomicBoolean reading = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile boolean woken;
        /** The seq of the last notification sent; only the reading thread touches it. */
        private long lastSent;

        private OpenStream(Recipient recipient, long after, StreamOutlet outlet) {
            this.recipient = recipient;
            this.outlet = outlet;
            this.lastSent = after;
        }

        /** Something may have been committed to the inbox: read it (now, or right after the read under way). */
        public void wake() {
            if (closed.get()) {
                return;
            }
            woken = true;
            if (reading.compareAndSet(false, true)) {
                try {
                    readers.execute(this::read);
                } catch (RejectedExecutionException e) {
                    // shutting down: the stream is being ended anyway
                    reading.set(false);
                }
            }
        }

        /** The client is gone or the stream was ended: forget it. */
        public void closed() {
            if (closed.compareAndSet(false, true)) {
                // atomic per key with open(): a stream is never added to a set that is being dropped
                byRecipient.computeIfPresent(recipient.key(), (key, set) -> {
                    set.remove(this);
                    return set.isEmpty() ? null : set;
                });
                open.decrementAndGet();
            }
        }

        private void read() {
            while (true) {
                woken = false;
                boolean behind;
                try {
                    behind = catchUp();
                } catch (Exception e) {
                    LOG.warnf("stream of %s ended: cannot read its inbox (%s); the client resumes from its last id",
                            recipient.key(), e.getMessage());
                    reading.set(false);
                    end();
                    return;
                }
                reading.set(false);
                // a wake that came while this thread read (and found reading taken) is served here; a client that
                // is behind is read for again when its queue drains (whenDrained), unless it drained meanwhile
                boolean again = behind ? outlet.queued() < config.batchSize() : woken;
                if (!again || closed.get() || !reading.compareAndSet(false, true)) {
                    return;
                }
            }
        }

        /**
         * Sends everything after lastSent, a batch at a time, while the client takes it.
         *
         * @return true when it stopped because the client is a batch behind
         */
        private boolean catchUp() throws Exception {
            int batch = config.batchSize();
            while (!closed.get()) {
                if (outlet.queued() >= batch) {
                    return true;
                }
                List<Notification> found = tail.after(recipient, lastSent, batch);
                for (Notification notification : found) {
                    outlet.send(notification);
                    lastSent = notification.seq();
                }
                if (found.size() < batch) {
                    return false;
                }
            }
            return false;
        }

        private void heartbeat() {
            if (outlet.gone()) {
                // a close that came before the stream could hear of it
                closed();
            } else if (!closed.get() && outlet.queued() == 0) {
                outlet.comment("heartbeat");
            }
        }

        private void end() {
            if (!closed.get()) {
                outlet.end();
                closed();
            }
        }
    }

    /**
     * Refuses with 503 when this instance already keeps {@code grid.notification.stream.max-open} streams. Checked
     * before a stream is opened, so that the refusal is a plain problem response and not a broken stream.
     */
    public void requireRoom() {
        if (stopping || open.get() >= config.maxOpen()) {
            throw new DomainProblem(ProblemType.SERVICE_UNAVAILABLE,
                    "this instance keeps as many live streams open as it may (" + config.maxOpen()
                            + "); reconnect in a moment");
        }
    }

    /**
     * The seq a stream starts after: {@code lastEventId}, or without one the inbox's newest now (only what comes
     * from now on). An id above the inbox's newest (another installation's, a restored database) starts at the
     * newest too. Read before the stream's first bytes go out, so "now" is no later than when the client sees it
     * open. Blocks (one query).
     */
    public long startAfter(Recipient recipient, Long lastEventId) {
        long newest;
        try {
            newest = tail.lastSeq(recipient);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the inbox", e);
        }
        return lastEventId == null ? newest : Math.min(lastEventId, newest);
    }

    /**
     * Opens a stream of the recipient's inbox into {@code outlet}: every notification after {@code after} (see
     * {@link #startAfter}), each as it commits. Does not block.
     */
    public OpenStream open(Recipient recipient, long after, StreamOutlet outlet) {
        OpenStream stream = new OpenStream(recipient, after, outlet);
        open.incrementAndGet();
        outlet.whenDrained(stream::wake);
        // listed before the first read: a commit after that read finds the stream and wakes it
        byRecipient.compute(recipient.key(), (key, set) -> {
            Set<OpenStream> streams = set != null ? set : ConcurrentHashMap.newKeySet();
            streams.add(stream);
            return streams;
        });
        if (stopping) {
            stream.end();
            return stream;
        }
        // what committed since startAfter's read, before this stream was listed, is read now
        stream.wake();
        return stream;
    }

    /** The {@code retry:} hint for clients. */
    public java.time.Duration retry() {
        return config.retry();
    }

    /**
     * How many events a stream may have waiting for its client: a batch read while the previous one drains, and
     * heartbeats.
     */
    public int queueCapacity() {
        return 2 * config.batchSize() + 16;
    }

    /** Streams open on this instance now. */
    public int openCount() {
        return open.get();
    }

    /** Whether commits to inboxes are being heard (else streams get nothing new until it is back). */
    public boolean listening() {
        return listener != null && listener.listening();
    }

    void onStart(@Observes StartupEvent event) {
        listener = signals.listener(new PgChannelListener.Handler() {
            @Override
            public void listening() {
                // commits may have gone unheard while the connection was down
                byRecipient.values().forEach(streams -> streams.forEach(OpenStream::wake));
            }

            @Override
            public void notified(String recipientKey) {
                Set<OpenStream> streams = byRecipient.get(recipientKey);
                if (streams != null) {
                    streams.forEach(OpenStream::wake);
                }
            }

            @Override
            public void lost(Exception cause) {
                LOG.warnf("live streams: not hearing inbox commits (%s); reconnecting", cause.getMessage());
            }
        });
        listener.start();
        long every = config.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeatAll, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        heartbeats.shutdownNow();
        // each client sees its stream end and reconnects with Last-Event-ID, to an instance that runs
        byRecipient.values().forEach(streams -> streams.forEach(OpenStream::end));
        readers.shutdownNow();
        if (listener != null) {
            listener.stop();
        }
    }

    private void heartbeatAll() {
        try {
            byRecipient.values().forEach(streams -> streams.forEach(OpenStream::heartbeat));
        } catch (RuntimeException e) {
            // a failing heartbeat must not cancel the schedule
            LOG.debugf("heartbeat: %s", e.getMessage());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
