package cn.grid.notification.api;

import cn.grid.notification.app.webhook.DeliveryLogService;
import cn.grid.notification.app.webhook.SubscriptionService;
import cn.grid.notification.domain.webhook.DeliveryStatus;
import cn.grid.notification.domain.webhook.Subscription;
import cn.grid.platform.concurrency.Versioned;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

@Path("/api/v1/webhooks/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
@Tag(name = "Webhooks", description = "Subscriptions for integrators: the suite's CloudEvents POSTed to a URL, signed "
        + "per Standard Webhooks, retried with back-off, logged and redeliverable (docs/webhooks.md)")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not a district administrator or service account, nor staff over "
        + "the subscription's grid subtree",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WebhookSubscriptionResource {

    private final SubscriptionService subscriptions;
    private final DeliveryLogService log;
    private final CurrentCaller caller;

    public WebhookSubscriptionResource(SubscriptionService subscriptions, DeliveryLogService log,
            CurrentCaller caller) {
        this.subscriptions = subscriptions;
        this.log = log;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhookSubscription", summary = "Subscribe a URL to events",
            description = "Checks the URL (scheme, length, no user info, the addresses its host resolves to), the "
                    + "event types and the grid node, then sends the URL a signed verification request "
                    + "(cn.grid.notification.webhook.verification.v1 with a challenge the receiver must echo as "
                    + "{\"challenge\": ...} in a 2xx JSON answer); only then is the subscription stored, ACTIVE. "
                    + "The answer carries the secret (whsec_...), shown this once. A subscription for every grid "
                    + "(no gridNodeId) is for district administrators and service accounts; staff may subscribe "
                    + "for a node they are staff over.")
    @APIResponse(responseCode = "201", description = "Subscribed; the body carries the secret",
            content = @Content(schema = @Schema(implementation = WebhookBodies.SubscriptionView.class)))
    @APIResponse(responseCode = "422", description = "url refused (not http(s), too long, user info, a forbidden "
            + "address, unreachable or wrong answer at verification), an unknown event type, an unknown gridNodeId, "
            + "a description too long; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull WebhookBodies.SubscriptionBody body, @Context UriInfo uri) {
        SubscriptionService.Saved saved = subscriptions.create(body.toCommand(), caller.get());
        Subscription s = saved.subscription();
        return Versioned.created(uri.getBaseUriBuilder().path("api/v1/webhooks/subscriptions/{id}").build(s.id()),
                WebhookBodies.SubscriptionView.of(s, saved.secret()), s.version()).build();
    }

    @GET
    @Operation(operationId = "listWebhookSubscriptions", summary = "The subscriptions the caller may manage",
            description = "Oldest first, keyset paging (limit 1–100, default 20). Secrets are never listed.")
    @APIResponse(responseCode = "200", description = "A page",
            content = @Content(schema = @Schema(implementation = WebhookBodies.SubscriptionPage.class)))
    public WebhookBodies.SubscriptionPage list(@QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        CursorPage<Subscription> page = subscriptions.list(PageRequest.of(limit, cursor), caller.get());
        return new WebhookBodies.SubscriptionPage(
                page.items().stream().map(s -> WebhookBodies.SubscriptionView.of(s, null)).toList(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhookSubscription", summary = "A subscription (without its secret)",
            description = "Its URL, event types, subtree, status (ACTIVE, or DISABLED with disabledReason after the "
                    + "retry schedule ran out) and the time a rotated-out secret stops signing. The secret itself is "
                    + "shown only when created or rotated. Only district administrators, service accounts and staff over "
                    + "its subtree may read it (else 403).")
    @APIResponse(responseCode = "200", description = "The subscription; ETag carries its version",
            content = @Content(schema = @Schema(implementation = WebhookBodies.SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Subscription s = subscriptions.get(id, caller.get());
        return Versioned.ok(WebhookBodies.SubscriptionView.of(s, null), s.version());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceWebhookSubscription", summary = "Change a subscription; enable or disable it",
            description = "The same checks as on creation; a changed URL is verified again (with the current "
                    + "secret) before anything is stored. enabled=true after the service disabled it for failing "
                    + "resumes its waiting deliveries, in order. With If-Match, a stale version is a 412.")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = WebhookBodies.SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "As on creation; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replace(@PathParam("id") UUID id, @NotNull WebhookBodies.SubscriptionBody body,
            @HeaderParam("If-Match") @Parameter(description = "The ETag of the version this change is based on "
                    + "(optional)") String ifMatch) {
        Subscription s = subscriptions.replace(id, body.toCommand(), ifMatch, caller.get());
        return Versioned.ok(WebhookBodies.SubscriptionView.of(s, null), s.version());
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhookSubscription", summary = "Unsubscribe (its delivery log goes too)",
            description = "Nothing more is delivered to the URL, not even what was waiting; the delivery log and its "
                    + "attempts are deleted with the subscription. Only district administrators, service accounts and staff "
                    + "over its subtree may delete it (else 403).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) {
        subscriptions.delete(id, caller.get());
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "A new secret; the old one stays valid for a while",
            description = "The answer carries the new secret, shown this once. For the grace period "
                    + "(grid.notification.webhooks.secret-grace-period, a day by default) every delivery carries two "
                    + "signatures in webhook-signature, one per secret, so the receiver can switch at its own pace.")
    @APIResponse(responseCode = "200", description = "Rotated; the body carries the new secret",
            content = @Content(schema = @Schema(implementation = WebhookBodies.SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookBodies.SubscriptionView rotateSecret(@PathParam("id") UUID id) {
        SubscriptionService.Saved saved = subscriptions.rotateSecret(id, caller.get());
        return WebhookBodies.SubscriptionView.of(saved.subscription(), saved.secret());
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log, newest first",
            description = "Filter by status and by creation time [from, to); keyset paging (limit 1–100).")
    @APIResponse(responseCode = "200", description = "A page",
            content = @Content(schema = @Schema(implementation = WebhookBodies.DeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "An unknown status, a time that is not RFC 3339, a foreign cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookBodies.DeliveryPage deliveries(@PathParam("id") UUID id,
            @QueryParam("status") @Parameter(schema = @Schema(enumeration = {"PENDING", "SUCCEEDED", "FAILED"}))
            String status,
            @QueryParam("from") @Parameter(description = "RFC 3339, inclusive") String from,
            @QueryParam("to") @Parameter(description = "RFC 3339, exclusive") String to,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        var page = log.list(id, status(status), time("from", from), time("to", to), PageRequest.of(limit, cursor),
                caller.get());
        return new WebhookBodies.DeliveryPage(page.items().stream().map(d -> WebhookBodies.DeliveryView.of(d, null))
                .toList(), page.nextCursor());
    }

    @GET
    @Path("/{id}/deliveries/{deliveryId}")
    @Operation(operationId = "getWebhookDelivery", summary = "A delivery with every attempt",
            description = "The delivery (its id is the webhook-id header the receiver saw, the same on every retry "
                    + "and redelivery), the CloudEvent sent, its status, and each attempt: when, the response code "
                    + "(none when nothing answered), how long it took, the error (truncated). Finished deliveries "
                    + "stay in the log for grid.notification.webhooks.log-retention (30 days).")
    @APIResponse(responseCode = "200", description = "The delivery",
            content = @Content(schema = @Schema(implementation = WebhookBodies.DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription or delivery",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookBodies.DeliveryView delivery(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return WebhookBodies.DeliveryView.of(log.get(id, deliveryId, caller.get()));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send one delivery again",
            description = "The same delivery — the same webhook-id, so a receiver can tell it has it — queued at the "
                    + "end of the subscription's order, with a fresh round of retries. 409 while it still waits for "
                    + "an attempt. A disabled subscription sends it once enabled.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = WebhookBodies.DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription or delivery",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Still waiting for an attempt",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(WebhookBodies.DeliveryView.of(log.redeliver(id, deliveryId, caller.get()))).build();
    }

    @POST
    @Path("/{id}/redeliver")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "redeliverWebhookRange", summary = "Send again what was delivered in a time range",
            description = "Every delivery created in [from, to) that is not waiting already is queued again (same "
                    + "webhook-ids), in its original order, at the end of the subscription's order. The range spans "
                    + "at most grid.notification.webhooks.redeliver-max-range (7 days), and at most "
                    + "redeliver-max-count (1000) deliveries are queued, the oldest first.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = WebhookBodies.RedeliveryQueued.class)))
    @APIResponse(responseCode = "404", description = "No such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "from or to missing, to not after from, the range too wide",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redeliverRange(@PathParam("id") UUID id, @NotNull WebhookBodies.RedeliverRange body) {
        int queued = log.redeliverRange(id, body.from(), body.to(), caller.get());
        return Response.accepted(new WebhookBodies.RedeliveryQueued(queued)).build();
    }

    private static DeliveryStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainProblem.invalid("status", "one of PENDING, SUCCEEDED, FAILED");
        }
    }

    private static OffsetDateTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw DomainProblem.invalid(field, "an RFC 3339 time with offset, e.g. 2026-12-08T09:00:00+08:00");
        }
    }
}
