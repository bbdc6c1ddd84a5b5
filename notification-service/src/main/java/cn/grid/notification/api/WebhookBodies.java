package cn.grid.notification.api;

import cn.grid.notification.app.webhook.DeliveryLogService;
import cn.grid.notification.app.webhook.SubscriptionCommand;
import cn.grid.notification.domain.webhook.Delivery;
import cn.grid.notification.domain.webhook.DeliveryAttempt;
import cn.grid.notification.domain.webhook.Subscription;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The JSON of the webhook API. */
public final class WebhookBodies {

    private WebhookBodies() {
    }

    @Schema(name = "WebhookSubscriptionBody", description = "A subscription to create, or what it is to become")
    public record SubscriptionBody(
            @Schema(description = "http(s) URL the deliveries are POSTed to; at most 2048 characters, no user "
                    + "info; its host must not resolve to a loopback, private, link-local, multicast, unspecified, "
                    + "CGNAT or IPv6 unique-local address (unless the service is configured to allow it). It must "
                    + "answer the signed verification request (docs/webhooks.md)",
                    examples = "https://hotline-12345.example.cn/grid-webhooks") String url,
            @Schema(description = "CloudEvent types of the suite (cn.grid.request.dispatched.v1), or prefix "
                    + "patterns ending in .* (cn.grid.request.*); 1–50 entries",
                    examples = "[\"cn.grid.request.*\", \"cn.grid.study.lecture-order.placed.v1\"]") List<String> eventTypes,
            @Schema(description = "Only events at this grid node or below it; absent: every grid, and the events "
                    + "that name no grid node (district administrators and service accounts only)") UUID gridNodeId,
            @Schema(description = "What the subscription is for; at most 500 characters") String description,
            @Schema(description = "On a replace: false disables it, true enables it again (also after it was "
                    + "disabled for failing); absent keeps its status") Boolean enabled) {

        public SubscriptionCommand toCommand() {
            return new SubscriptionCommand(url, eventTypes, gridNodeId, description, enabled);
        }
    }

    @Schema(name = "WebhookSubscription", description = "A webhook subscription")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionView(UUID id, String url, List<String> eventTypes, UUID gridNodeId, String description,
            @Schema(enumeration = {"ACTIVE", "DISABLED"}) String status,
            @Schema(description = "Only in the answer to a creation or a rotation: whsec_<base64>, the key of the "
                    + "Standard Webhooks signature. It is never shown again") String secret,
            @Schema(description = "Until when deliveries carry a second signature made with the secret before the "
                    + "last rotation") OffsetDateTime previousSecretValidUntil,
            OffsetDateTime disabledAt, String disabledReason, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            long version) {

        static SubscriptionView of(Subscription s, String secret) {
            OffsetDateTime grace = s.previousSecretUntil() != null && s.previousSecretUntil().isAfter(OffsetDateTime.now())
                    ? s.previousSecretUntil() : null;
            return new SubscriptionView(s.id(), s.url(), s.eventTypes(), s.gridNodeId(), s.description(),
                    s.status().name(), secret, grace, s.disabledAt(), s.disabledReason(), s.createdAt(),
                    s.updatedAt(), s.version());
        }
    }

    @Schema(name = "WebhookSubscriptionPage")
    public record SubscriptionPage(List<SubscriptionView> items,
            @Schema(description = "Absent on the last page") String nextCursor) {
    }

    @Schema(name = "WebhookDelivery", description = "One event for one subscription; id is its webhook-id")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(UUID id, UUID eventId, String eventType, OffsetDateTime eventTime,
            @Schema(enumeration = {"PENDING", "SUCCEEDED", "FAILED"}) String status,
            @Schema(description = "Attempts of the current round (a redelivery starts a new round)") int attempts,
            @Schema(description = "When a PENDING delivery is tried next") OffsetDateTime nextAttemptAt,
            OffsetDateTime createdAt, OffsetDateTime lastAttemptAt, Integer lastResponseCode, String lastError,
            OffsetDateTime completedAt, int redeliveries,
            @Schema(description = "Every attempt, oldest first (only on the single delivery)") List<AttemptView> attemptLog) {

        static DeliveryView of(Delivery d, List<DeliveryAttempt> attempts) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.eventTime(), d.status().name(), d.attempts(),
                    d.status().name().equals("PENDING") ? d.nextAttemptAt() : null, d.createdAt(), d.lastAttemptAt(),
                    d.lastResponseCode(), d.lastError(), d.completedAt(), d.redeliveries(),
                    attempts == null ? null : attempts.stream().map(AttemptView::of).toList());
        }

        static DeliveryView of(DeliveryLogService.Logged logged) {
            return of(logged.delivery(), logged.attempts());
        }
    }

    @Schema(name = "WebhookAttempt")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(int attempt, OffsetDateTime attemptedAt,
            @Schema(description = "Absent when the receiver never answered") Integer responseCode, int durationMs,
            @Schema(description = "Why it failed, at most 500 characters") String error) {

        static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.attemptNo(), a.attemptedAt(), a.responseCode(), a.durationMs(), a.error());
        }
    }

    @Schema(name = "WebhookDeliveryPage")
    public record DeliveryPage(List<DeliveryView> items,
            @Schema(description = "Absent on the last page") String nextCursor) {
    }

    @Schema(name = "WebhookRedeliverRange", description = "Deliveries created in [from, to) are sent again")
    public record RedeliverRange(OffsetDateTime from, OffsetDateTime to) {
    }

    @Schema(name = "WebhookRedeliveryQueued")
    public record RedeliveryQueued(@Schema(description = "Deliveries queued again") int queued) {
    }
}
