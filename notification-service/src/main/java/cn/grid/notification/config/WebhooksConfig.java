package cn.grid.notification.config;

import cn.grid.contracts.events.EventTypes;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code grid.notification.webhooks.*} (a group of {@link NotificationConfig}): who may be called, how often, how
 * long to wait. See docs/webhooks.md for what integrators see of each.
 */
public interface WebhooksConfig {

    /** Whether this instance turns events into deliveries and sends them. Off only in tests that do neither. */
    @WithDefault("true")
    boolean enabled();

    /** The topics whose events go out to subscribers (the suite's, and this service's own). */
    @WithDefault(EventTypes.GRID_TOPIC + "," + EventTypes.REQUEST_TOPIC + "," + EventTypes.STUDY_TOPIC
            + "," + EventTypes.NOTIFICATION_TOPIC)
    List<String> topics();

    /**
     * Whether a subscription URL may name (or resolve to) a loopback, private, link-local, multicast, unspecified,
     * CGNAT or IPv6 unique-local address. False in prod (SSRF: the service would otherwise call into the cluster on
     * a subscriber's behalf); the dev and test profiles set it so that local receivers work.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /**
     * Hosts (exact names) and address ranges (CIDR, e.g. {@code 10.20.0.0/16}) allowed even though they are private:
     * an integrator inside the district's own network. Empty: none.
     */
    Optional<List<String>> allowedHosts();

    /**
     * The waits before each retry after the first attempt failed; once the last retry has failed the subscription is
     * disabled. The default (Standard Webhooks' recommendation) spans 27 h 35 min over 8 attempts.
     */
    @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
    List<Duration> retrySchedule();

    /** Each wait is stretched or shortened at random by up to this fraction, so receivers coming back are not stormed. */
    @WithDefault("0.2")
    double retryJitter();

    /** Longest wait for a TCP (and TLS) connection to a receiver. */
    @WithDefault("PT5S")
    Duration connectTimeout();

    /** Longest wait for a receiver's whole answer once connected; longer counts as a failed attempt. */
    @WithDefault("PT15S")
    Duration readTimeout();

    /** Deliveries sent at the same time by one instance (each to a different subscription). */
    @WithDefault("8")
    int workers();

    /**
     * How often an idle sender looks for due deliveries on its own. A delivery queued anywhere wakes every instance's
     * sender at once (V22__webhook_delivery_notify.sql); the poll finds the retries coming due and the leases of an
     * instance that died.
     */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** After a secret rotation, how long deliveries are still signed with the old secret too. */
    @WithDefault("P1D")
    Duration secretGracePeriod();

    /** The widest time range one range redelivery may cover. */
    @WithDefault("P7D")
    Duration redeliverMaxRange();

    /** The most deliveries one range redelivery queues again. */
    @WithDefault("1000")
    int redeliverMaxCount();

    /**
     * How long a finished delivery (succeeded, or failed for good) stays in the delivery log with its attempts;
     * waiting ones stay whatever their age. A range redelivery finds only what is still in the log.
     */
    @WithDefault("P30D")
    Duration logRetention();
}
