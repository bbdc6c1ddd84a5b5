package cn.grid.notification.app.webhook;

import cn.grid.notification.config.NotificationConfig;
import cn.grid.notification.domain.webhook.Delivery;
import cn.grid.notification.domain.webhook.DeliveryAttempt;
import cn.grid.notification.domain.webhook.DeliveryStatus;
import cn.grid.notification.persistence.WebhookStore;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A subscription's delivery log and redelivery, for whoever may manage the subscription. A redelivery queues the
 * same delivery again — the same {@code webhook-id}, so a receiver that already has it can tell — at the end of the
 * subscription's order.
 */
@ApplicationScoped
public class DeliveryLogService {

    private final WebhookStore store;
    private final SubscriptionService subscriptions;
    private final Duration maxRange;
    private final int maxCount;

    public DeliveryLogService(WebhookStore store, SubscriptionService subscriptions, NotificationConfig config) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.maxRange = config.webhooks().redeliverMaxRange();
        this.maxCount = config.webhooks().redeliverMaxCount();
    }

    /** A delivery with the attempts of all its rounds. */
    public record Logged(Delivery delivery, List<DeliveryAttempt> attempts) {
    }

    public CursorPage<Delivery> list(UUID subscriptionId, DeliveryStatus status, OffsetDateTime from,
            OffsetDateTime to, PageRequest page, Caller caller) {
        subscriptions.get(subscriptionId, caller);
        OffsetDateTime beforeAt = null;
        UUID beforeId = null;
        if (page.after() != null) {
            int bar = page.after().indexOf('|');
            try {
                beforeAt = OffsetDateTime.parse(page.after().substring(0, bar));
                beforeId = UUID.fromString(page.after().substring(bar + 1));
            } catch (RuntimeException e) {
                throw new DomainProblem(ProblemType.INVALID_CURSOR, "cursor is not one this API issued; start again "
                        + "without it");
            }
        }
        List<Delivery> rows = store.deliveries(subscriptionId, status, from, to, beforeAt, beforeId, page.limit() + 1);
        return page.page(rows, d -> d.createdAt() + "|" + d.id(), d -> d);
    }

    public Logged get(UUID subscriptionId, UUID deliveryId, Caller caller) {
        subscriptions.get(subscriptionId, caller);
        Delivery delivery = store.delivery(subscriptionId, deliveryId)
                .orElseThrow(() -> DomainProblem.notFound("delivery", deliveryId));
        return new Logged(delivery, store.attempts(deliveryId));
    }

    /** Queues one delivery again; 409 while it is still waiting for an attempt. */
    public Logged redeliver(UUID subscriptionId, UUID deliveryId, Caller caller) {
        subscriptions.get(subscriptionId, caller);
        QuarkusTransaction.requiringNew().run(() -> {
            long seq = store.nextSeq(subscriptionId);
            Delivery delivery = store.delivery(subscriptionId, deliveryId)
                    .orElseThrow(() -> DomainProblem.notFound("delivery", deliveryId));
            if (delivery.status() == DeliveryStatus.PENDING) {
                throw DomainProblem.conflict("delivery " + deliveryId + " is still waiting for an attempt");
            }
            store.requeue(deliveryId, seq);
        });
        return get(subscriptionId, deliveryId, caller);
    }

    /**
     * Queues again the deliveries created in [from, to) that are not waiting already, oldest first, in their
     * original order; the range is at most {@code redeliver-max-range} and at most {@code redeliver-max-count}
     * deliveries are queued. Returns how many.
     */
    public int redeliverRange(UUID subscriptionId, OffsetDateTime from, OffsetDateTime to, Caller caller) {
        subscriptions.get(subscriptionId, caller);
        if (from == null) {
            throw invalid("from", "required");
        }
        if (to == null) {
            throw invalid("to", "required");
        }
        if (!to.isAfter(from)) {
            throw invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(maxRange) > 0) {
            throw invalid("to", "the range may span at most " + maxRange);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            int queued = 0;
            for (UUID id : store.deliveryIdsBetween(subscriptionId, from, to, maxCount)) {
                Delivery delivery = store.delivery(subscriptionId, id).orElseThrow();
                if (delivery.status() != DeliveryStatus.PENDING) {
                    store.requeue(id, store.nextSeq(subscriptionId));
                    queued++;
                }
            }
            return queued;
        });
    }

    private static DomainProblem invalid(String field, String message) {
        return new DomainProblem(ProblemType.UNPROCESSABLE, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }
}
