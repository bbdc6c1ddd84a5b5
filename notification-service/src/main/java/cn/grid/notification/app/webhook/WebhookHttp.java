package cn.grid.notification.app.webhook;

import cn.grid.notification.config.NotificationConfig;
import cn.grid.platform.events.CloudEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one signed webhook request. The connection goes to the address {@link WebhookUrls} checked (the host name is
 * still sent as {@code Host} and TLS SNI, and the certificate is verified against it); redirects are never followed
 * (a 3xx is a failed attempt); the connect and the whole answer each have a timeout; at most {@link #MAX_BODY} bytes
 * of the answer are kept.
 */
@ApplicationScoped
public class WebhookHttp {

    static final int MAX_BODY = 8 * 1024;

    private final Vertx vertx;
    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public WebhookHttp(Vertx vertx, NotificationConfig config) {
        this.vertx = vertx;
        this.connectTimeout = config.webhooks().connectTimeout();
        this.readTimeout = config.webhooks().readTimeout();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setIdleTimeout((int) readTimeout.toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setForceSni(true)
                .setVerifyHost(true)
                .setKeepAlive(true)
                .setMaxPoolSize(Math.max(4, config.webhooks().workers() * 2)));
    }

    /** The receiver's status and the start of its body; {@code status} 0 never happens (no answer throws). */
    public record Answer(int status, String body) {
    }

    /**
     * Sends {@code body} with the Standard Webhooks headers; throws {@link java.io.IOException} when there was no
     * answer (refused, reset, timed out).
     */
    Answer post(WebhookTarget target, String webhookId, long timestampSeconds, String signature, String body)
            throws java.io.IOException {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(connectTimeout.toMillis())
                .setIdleTimeout(readTimeout.toMillis())
                .putHeader("content-type", CloudEvent.CONTENT_TYPE + "; charset=utf-8")
                .putHeader("user-agent", "grid-suite-webhooks/1")
                .putHeader("webhook-id", webhookId)
                .putHeader("webhook-timestamp", Long.toString(timestampSeconds))
                .putHeader("webhook-signature", signature);
        // The chain runs on an event loop: there each listener is registered before the loop can complete what it
        // listens to. Built from this (worker) thread instead, a pooled keep-alive connection could deliver the
        // whole answer before the body handler was set — "Response already ended", a verification refused for no
        // reason (WebhookDeliveryTest met it).
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        vertx.runOnContext(start -> client.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> {
                    Buffer kept = Buffer.buffer();
                    response.handler(chunk -> {
                        if (kept.length() < MAX_BODY) {
                            kept.appendBuffer(chunk, 0, Math.min(chunk.length(), MAX_BODY - kept.length()));
                        }
                    });
                    return response.end().map(v -> new Answer(response.statusCode(), kept.toString()));
                })
                .onComplete(done -> {
                    if (done.succeeded()) {
                        answer.complete(done.result());
                    } else {
                        answer.completeExceptionally(done.cause());
                    }
                }));
        try {
            return answer.get(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new java.io.IOException(describe(cause), cause);
        } catch (TimeoutException e) {
            throw new java.io.IOException("no answer within " + connectTimeout.plus(readTimeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException("interrupted", e);
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
