package cn.grid.notification.persistence;

import cn.grid.platform.listen.PgChannelListener;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deliveries queued, as this instance hears of them: the triggers of V22__webhook_delivery_notify.sql send
 * {@code NOTIFY webhook_delivery} when a statement that queued deliveries commits, in whichever instance; one
 * listening connection per instance receives them.
 */
@ApplicationScoped
public class WebhookSignals {

    /** The channel V22__webhook_delivery_notify.sql's triggers notify on. */
    public static final String CHANNEL = "webhook_delivery";

    private final AgroalDataSource dataSource;

    public WebhookSignals(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A listener (not yet started) that tells {@code handler} of each commit that queued deliveries. */
    public PgChannelListener listener(PgChannelListener.Handler handler) {
        return new PgChannelListener(dataSource, CHANNEL, handler);
    }
}
