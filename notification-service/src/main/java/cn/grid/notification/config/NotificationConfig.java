package cn.grid.notification.config;

import cn.grid.contracts.events.EventTypes;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.hibernate.validator.constraints.time.DurationMin;
import jakarta.validation.constraints.Max;
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

    Stream stream();

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

    /** {@code grid.notification.stream.*}: the live stream of an inbox (Server-Sent Events). */
    interface Stream {

        /**
         * How often an idle stream sends a comment line: it keeps proxies, load balancers and mobile networks from
         * closing a quiet connection, and lets a client notice a dead one.
         */
        @WithDefault("15S")
        @DurationMin(seconds = 1)
        Duration heartbeat();

        /** The reconnection delay the stream asks clients to wait after a loss (its {@code retry:} field). */
        @WithDefault("3S")
        @DurationMin(millis = 0)
        Duration retry();

        /**
         * How many streams one instance keeps open; one more is refused with 503 (a client retries, a balancer
         * picks another instance). Each costs a connection's memory, never a thread or a database connection.
         */
        @WithDefault("10000")
        @Min(1)
        int maxOpen();

        /** How many notifications a woken stream reads per query (a burst is read in such batches). */
        @WithDefault("100")
        @Min(1)
        @Max(1000)
        int batchSize();

        /** Threads that read for woken streams (each holds a database connection only while it reads). */
        @WithDefault("4")
        @Min(1)
        int readers();
    }
}
