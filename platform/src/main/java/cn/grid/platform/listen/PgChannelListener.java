package cn.grid.platform.listen;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One connection of an instance that {@code LISTEN}s on a PostgreSQL channel and hands each notification's payload to
 * a {@link Handler}, on a daemon thread of its own.
 *
 * <p>A trigger's {@code pg_notify} is delivered when its transaction commits, to every instance listening, so this
 * is how an instance learns at once what another (or a consumer in this one) committed: the registry rights cache
 * drops a subject's entry on {@code grid_rights}, notification-service wakes a recipient's open streams on
 * {@code notification_inbox}. One connection per instance, whatever the number of things waiting.
 *
 * <p>Notifications sent while nobody listened are lost, so {@link Handler#listening()} is called each time the
 * {@code LISTEN} is (re-)established, after a database restart too: the handler re-reads whatever they would have
 * told. While the connection is down it is retried with back-off (100 ms doubling to 5 s); {@link Handler#lost} says
 * so.
 */
public final class PgChannelListener {

    private static final Logger LOG = Logger.getLogger(PgChannelListener.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int POLL_MILLIS = 1000;

    /** What a listener tells its owner. Called on the listener's thread: return quickly. */
    public interface Handler {

        /** The LISTEN is in place (first time, or again after a loss): re-read what may have been missed. */
        void listening();

        /** A notification on the channel, with its payload ("" when the sender gave none). */
        void notified(String payload);

        /** The connection is gone; {@link #listening()} follows when it is back. */
        default void lost(Exception cause) {
        }
    }

    private final DataSource dataSource;
    private final String channel;
    private final Handler handler;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean listening;
    private Thread thread;

    /**
     * @param channel a plain lower-case identifier (it goes into the LISTEN statement as it is)
     */
    public PgChannelListener(DataSource dataSource, String channel, Handler handler) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.handler = handler;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "pg-listen-" + channel);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops listening and returns the connection to its pool (within about a second, the poll's timeout). */
    public synchronized void stop() {
        stopping.countDown();
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Whether the LISTEN is in place now. */
    public boolean listening() {
        return listening;
    }

    private void run() {
        long backoffMillis = 100;
        while (stopping.getCount() > 0) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                if (!connection.getAutoCommit()) {
                    // a LISTEN takes effect at commit
                    connection.commit();
                }
                backoffMillis = 100;
                // the handler catches up first: listening() must not say true while what was missed is still held
                handler.listening();
                listening = true;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (stopping.getCount() > 0) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            String payload = notification.getParameter();
                            handler.notified(payload == null ? "" : payload);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (stopping.getCount() == 0) {
                    return;
                }
                LOG.debugf("not listening on %s: %s", channel, e.getMessage());
                handler.lost(e);
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
