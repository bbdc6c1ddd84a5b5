package cn.grid.notification.persistence;

import cn.grid.platform.listen.PgChannelListener;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The commits to inboxes, as this instance hears of them: the insert trigger of V10__stream_notify.sql sends
 * {@code NOTIFY notification_inbox, '<recipient key>'} when a notification commits, whichever instance (or consumer)
 * wrote it; one listening connection per instance receives them all.
 */
@ApplicationScoped
public class InboxSignals {

    /** The channel V10__stream_notify.sql's trigger notifies on. */
    public static final String CHANNEL = "notification_inbox";

    private final AgroalDataSource dataSource;

    public InboxSignals(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A listener (not yet started) that tells {@code handler} the recipient key of each commit. */
    public PgChannelListener listener(PgChannelListener.Handler handler) {
        return new PgChannelListener(dataSource, CHANNEL, handler);
    }
}
