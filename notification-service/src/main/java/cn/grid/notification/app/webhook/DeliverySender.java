package cn.grid.notification.app.webhook;

import cn.grid.contracts.events.notification.WebhookDisabledV1;
import cn.grid.notification.config.NotificationConfig;
import cn.grid.notification.config.WebhooksConfig;
import cn.grid.notification.domain.webhook.Delivery;
import cn.grid.notification.domain.webhook.DeliveryAttempt;
import cn.grid.notification.domain.webhook.DeliveryStatus;
import cn.grid.notification.domain.webhook.RetrySchedule;
import cn.grid.notification.domain.webhook.Subscription;
import cn.grid.notification.domain.webhook.SubscriptionStatus;
import cn.grid.notification.persistence.WebhookSignals;
import cn.grid.notification.persistence.WebhookStore;
import cn.grid.platform.events.CloudEvent;
import cn.grid.platform.listen.PgChannelListener;
import cn.grid.platform.outbox.OutboxWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends the deliveries. One poller per instance — woken when a delivery is queued anywhere ({@link WebhookSignals}),
 * else every {@code poll-interval} — leases subscriptions whose head delivery is due
 * ({@link WebhookStore#leaseDue}: {@code for update skip locked}, a lease in the row) and hands each to a bounded pool
 * of workers; a worker sends that subscription's deliveries in seq order while they succeed, and stops at the first
 * failure, which waits for its retry while later deliveries of the subscription wait behind it. A slow or failing
 * receiver occupies one worker at most, so other subscriptions go on. Everything is in PostgreSQL: an instance
 * killed mid-send loses its leases when they expire and another instance (or its restart) sends the delivery again
 * with the same webhook-id (at least once).
 */
@ApplicationScoped
public class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class);
    /** Deliveries one worker sends for one subscription before it lets other subscriptions have the worker. */
    private static final int MAX_PER_TURN = 100;

    private final WebhookStore store;
    private final WebhookCaller caller;
    private final OutboxWriter outbox;
    private final WebhookMetrics metrics;
    private final WebhookOwnerNotice ownerNotice;
    private final WebhooksConfig config;
    private final RetrySchedule schedule;
    private final Duration lease;
    private final String owner = "sender-" + UUID.randomUUID();
    private final Semaphore freeWorkers;
    private ExecutorService workers;
    private Thread poller;
    private volatile boolean running;
    private final WebhookSignals signals;
    // released when a delivery is queued anywhere (or the LISTEN is back after a loss): the poller looks at once
    private final Semaphore queued = new Semaphore(0);
    private PgChannelListener listener;

    public DeliverySender(WebhookStore store, WebhookCaller caller, OutboxWriter outbox, WebhookMetrics metrics,
            WebhookOwnerNotice ownerNotice, NotificationConfig config, WebhookSignals signals) {
        this.store = store;
        this.signals = signals;
        this.caller = caller;
        this.outbox = outbox;
        this.metrics = metrics;
        this.ownerNotice = ownerNotice;
        this.config = config.webhooks();
        this.schedule = new RetrySchedule(this.config.retrySchedule(), this.config.retryJitter());
        // long enough for one whole attempt; renewed before each
        this.lease = this.config.connectTimeout().plus(this.config.readTimeout()).plusSeconds(30);
        this.freeWorkers = new Semaphore(this.config.workers());
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        workers = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        listener = signals.listener(new PgChannelListener.Handler() {
            @Override
            public void listening() {
                wake();
            }

            @Override
            public void notified(String payload) {
                wake();
            }
        });
        listener.start();
        poller = new Thread(this::poll, "webhook-poller");
        poller.setDaemon(true);
        poller.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (listener != null) {
            listener.stop();
        }
        if (poller != null) {
            poller.interrupt();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    private void poll() {
        while (running) {
            try {
                freeWorkers.acquire();
                int free = 1 + freeWorkers.drainPermits();
                List<UUID> leased = store.leaseDue(owner, OffsetDateTime.now().plus(lease), free);
                freeWorkers.release(free - leased.size());
                for (UUID subscriptionId : leased) {
                    workers.execute(() -> sendTurn(subscriptionId));
                }
                if (leased.isEmpty()) {
                    // until a delivery is queued, or the poll interval passes (a retry coming due, a lease expiring)
                    if (queued.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                        queued.drainPermits();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database away: the leases are in it too, so nothing is lost; try again shortly
                LOG.warnf("webhook poller: %s", e.toString());
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    private void wake() {
        if (queued.availablePermits() == 0) {
            queued.release();
        }
    }

    /** Sends the subscription's due deliveries in order while they succeed; always gives the lease and worker back. */
    private void sendTurn(UUID subscriptionId) {
        try {
            for (int i = 0; i < MAX_PER_TURN && running; i++) {
                Subscription subscription = store.subscription(subscriptionId).orElse(null);
                if (subscription == null || subscription.status() != SubscriptionStatus.ACTIVE) {
                    return;
                }
                Delivery head = store.head(subscriptionId).orElse(null);
                OffsetDateTime now = OffsetDateTime.now();
                if (head == null || head.nextAttemptAt().isAfter(now)) {
                    return;
                }
                if (!store.renewLease(subscriptionId, owner, now.plus(lease))) {
                    return;
                }
                WebhookCaller.Outcome outcome = caller.call(subscription.url(), head.id().toString(),
                        subscription.signingSecrets(now), head.payload());
                if (!record(subscription, head, outcome.attempt())) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("webhook sender, subscription %s: %s", subscriptionId, e.toString());
        } finally {
            try {
                store.releaseLease(subscriptionId, owner);
            } catch (RuntimeException e) {
                // the lease expires by itself
                LOG.debugf("webhook sender: lease of %s not released: %s", subscriptionId, e.toString());
            } finally {
                freeWorkers.release();
            }
        }
    }

    /** Records the attempt; true when it succeeded (the next delivery of the subscription may go). */
    private boolean record(Subscription subscription, Delivery delivery, DeliveryAttempt attempt) {
        Duration took = Duration.ofMillis(attempt.durationMs());
        if (attempt.succeeded()) {
            QuarkusTransaction.requiringNew().run(() ->
                    store.recordAttempt(delivery, attempt, DeliveryStatus.SUCCEEDED, attempt.attemptedAt()));
            metrics.attempted(WebhookMetrics.Outcome.SUCCEEDED, took);
            return true;
        }
        int failed = delivery.attempts() + 1;
        Duration wait = schedule.next(failed, () -> ThreadLocalRandom.current().nextDouble());
        if (wait != null) {
            QuarkusTransaction.requiringNew().run(() -> store.recordAttempt(delivery, attempt, DeliveryStatus.PENDING,
                    OffsetDateTime.now().plus(wait)));
            metrics.attempted(WebhookMetrics.Outcome.RETRYING, took);
            return false;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            store.recordAttempt(delivery, attempt, DeliveryStatus.FAILED, attempt.attemptedAt());
            disable(subscription.id(), delivery, attempt, failed);
        });
        metrics.attempted(WebhookMetrics.Outcome.FAILED, took);
        return false;
    }

    /** The schedule is used up: the subscription is disabled, announced, and its owner told. */
    private void disable(UUID subscriptionId, Delivery delivery, DeliveryAttempt attempt, int attempts) {
        Subscription s = store.subscriptionForUpdate(subscriptionId).orElse(null);
        if (s == null || s.status() != SubscriptionStatus.ACTIVE) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now();
        String reason = "delivery " + delivery.id() + " failed " + attempts + " attempts over the retry schedule; "
                + "last: " + attempt.error();
        Subscription disabled = new Subscription(s.id(), s.url(), s.eventTypes(), s.gridNodeId(), s.gridPath(),
                s.description(), SubscriptionStatus.DISABLED, s.secret(), s.previousSecret(), s.previousSecretUntil(),
                s.ownerSubject(), s.ownerPersonId(), s.createdAt(), s.updatedAt(), now,
                DeliveryAttempt.truncate(reason), s.version());
        store.update(disabled);
        CloudEvent announcement = outbox.append(new WebhookDisabledV1(s.id().toString(), s.url(),
                s.gridNodeId() == null ? null : s.gridNodeId().toString(), s.ownerSubject(), delivery.id().toString(),
                attempts, attempt.responseCode(), attempt.error(), now));
        Delivery failed = new Delivery(delivery.id(), delivery.subscriptionId(), delivery.seq(), delivery.eventId(),
                delivery.eventType(), delivery.eventTime(), delivery.payload(), DeliveryStatus.FAILED, attempts,
                delivery.nextAttemptAt(), delivery.createdAt(), attempt.attemptedAt(), attempt.responseCode(),
                attempt.error(), attempt.attemptedAt(), delivery.redeliveries());
        ownerNotice.disabled(disabled, failed, attempts, announcement);
        LOG.infof("webhook subscription %s disabled: %s", s.id(), reason);
    }

    private static void sleepQuietly(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
