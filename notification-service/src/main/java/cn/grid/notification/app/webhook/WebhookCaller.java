package cn.grid.notification.app.webhook;

import cn.grid.notification.domain.webhook.DeliveryAttempt;
import cn.grid.notification.domain.webhook.WebhookSignature;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One signed request to a subscriber: resolves and checks the address anew, signs (Standard Webhooks) with every
 * given secret, POSTs, and says how it went.
 */
@ApplicationScoped
public class WebhookCaller {

    private final WebhookUrls urls;
    private final WebhookHttp http;

    public WebhookCaller(WebhookUrls urls, WebhookHttp http) {
        this.urls = urls;
        this.http = http;
    }

    /** What one call gave: the attempt as logged, and the answer's body when there was one. */
    public record Outcome(DeliveryAttempt attempt, String body) {
    }

    public Outcome call(String url, String webhookId, List<String> secrets, String body) {
        OffsetDateTime at = OffsetDateTime.now();
        long started = System.nanoTime();
        try {
            WebhookTarget target = urls.resolveForDelivery(url);
            long timestamp = at.toEpochSecond();
            WebhookHttp.Answer answer = http.post(target, webhookId, timestamp,
                    WebhookSignature.header(secrets, webhookId, timestamp, body), body);
            boolean ok = answer.status() >= 200 && answer.status() < 300;
            String error = ok ? null : answer.status() >= 300 && answer.status() < 400
                    ? "HTTP " + answer.status() + " (redirects are not followed)" : "HTTP " + answer.status();
            return new Outcome(new DeliveryAttempt(0, at, answer.status(), millisSince(started),
                    DeliveryAttempt.truncate(error)), answer.body());
        } catch (WebhookUrls.RefusedAddressException | IOException e) {
            return new Outcome(new DeliveryAttempt(0, at, null, millisSince(started),
                    DeliveryAttempt.truncate(e.getMessage())), null);
        }
    }

    private static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }
}
