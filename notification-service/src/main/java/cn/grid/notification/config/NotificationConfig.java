package cn.grid.notification.config;

import cn.grid.contracts.events.EventTypes;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

import java.time.Duration;
import java.util.List;

/**
 * notification-service's own settings under {@code grid.notification.*} (the platform's — {@code grid.events},
 * {@code grid.outbox}, {@code grid.gridview}, {@code grid.rights} ... — have mappings of their own in platform).
 */
@ConfigMapping(prefix = "grid.notification")
public interface NotificationConfig {

    Inbox inbox();

    /** {@code grid.notification.webhooks.*}: subscriptions, their address policy and the delivery schedule. */
    WebhooksConfig webhooks();

    /** {@code grid.notification.inbox.*}: the people's inboxes. */
    interface Inbox {

        /**
         * Whether the service consumes the suite's events into inboxes. Off only in tests that write
         * notifications themselves.
         */
        @WithDefault("true")
        boolean enabled();

        /** The topics whose events the rules read. */
        @WithDefault(EventTypes.GRID_TOPIC + "," + EventTypes.REQUEST_TOPIC + "," + EventTypes.STUDY_TOPIC)
        List<String> topics();

        /** How long a notification stays in its inbox, read or not. */
        @WithDefault("P180D")
        Duration retention();

        /** How often each instance deletes the notifications older than the retention (the first run a minute after start). */
        @WithDefault("PT1H")
        Duration purgeEvery();

        /** At most this many notifications per delete statement (a purge repeats it until none is left). */
        @WithDefault("5000")
        @Min(1)
        int purgeBatch();
    }
}
