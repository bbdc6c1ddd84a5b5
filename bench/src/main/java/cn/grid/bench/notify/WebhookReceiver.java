package cn.grid.bench.notify;

import cn.grid.bench.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The integrator's end of a webhook subscription, run by the bench on loopback: every POST is checked against the
 * subscription's secret per Standard Webhooks while it is received (the verdicts are counted), read as a CloudEvent
 * and handed to the bench, and answered 204 at once. The verification request notification-service sends while the
 * subscription is being created (a CloudEvent {@value #VERIFICATION} with {@code data.challenge}) is answered 200
 * {@code {"challenge": "<the same>"}}; it is signed with the secret the creation's answer only then reveals, so it is
 * kept and checked as soon as {@link #secret(String)} is called. {@link #stop()} closes the port (a receiver that is
 * down: connections are refused) and {@link #start()} opens the same port again.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One POST as received: the Standard Webhooks headers, the CloudEvent's fields, the check's verdict. */
    public static final String VERIFICATION = "cn.grid.notification.webhook.verification.v1";

    private record Held(String webhookId, String timestamp, String signature, byte[] body, Instant at) {
    }

    public record Delivery(String webhookId, String eventId, String type, String subject, long subjectSequence,
            JsonNode event, WebhookSignature.Verdict verdict, long nanos) {
    }

    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "webhook-receiver");
        t.setDaemon(true);
        return t;
    });
    private final Map<WebhookSignature.Verdict, AtomicInteger> verdicts = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final java.util.List<Held> heldUntilTheSecret = new java.util.ArrayList<>();
    private final Consumer<Delivery> onDelivery;
    private volatile WebhookSignature signature;
    private volatile HttpServer server;
    private int port;

    /** {@code port} 0: any free port (kept for {@link #start()} after a {@link #stop()}). */
    public WebhookReceiver(int port, Consumer<Delivery> onDelivery) {
        this.port = port;
        this.onDelivery = onDelivery;
    }

    public synchronized WebhookReceiver start() throws IOException {
        if (server == null) {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            s.createContext("/", this::handle);
            s.setExecutor(threads);
            s.start();
            port = s.getAddress().getPort();
            server = s;
        }
        return this;
    }

    /** Closes the port at once: the service's next attempts find nobody listening. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks/grid";
    }

    /** The subscription's secret ({@code whsec_...}): from now on every delivery is verified with it. */
    public void secret(String secret) {
        WebhookSignature s = WebhookSignature.of(secret);
        synchronized (heldUntilTheSecret) {
            this.signature = s;
            for (Held h : heldUntilTheSecret) {
                count(s.verify(h.webhookId, h.timestamp, h.signature, h.body, h.at));
            }
            heldUntilTheSecret.clear();
        }
    }

    private void count(WebhookSignature.Verdict verdict) {
        verdicts.computeIfAbsent(verdict, v -> new AtomicInteger()).incrementAndGet();
    }

    /** POSTs received, whatever they were. */
    public int requests() {
        return requests.get();
    }

    /** How many POSTs got each verdict (those received before the secret was known: once it is). */
    public Map<WebhookSignature.Verdict, Integer> verdicts() {
        Map<WebhookSignature.Verdict, Integer> counts = new java.util.EnumMap<>(WebhookSignature.Verdict.class);
        verdicts.forEach((v, n) -> counts.put(v, n.get()));
        return counts;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long nanos = System.nanoTime();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            var h = exchange.getRequestHeaders();
            String webhookId = h.getFirst("webhook-id");
            WebhookSignature.Verdict verdict = null;
            synchronized (heldUntilTheSecret) {
                WebhookSignature s = signature;
                if (s == null) {
                    heldUntilTheSecret.add(new Held(webhookId, h.getFirst("webhook-timestamp"),
                            h.getFirst("webhook-signature"), body, Instant.now()));
                } else {
                    verdict = s.verify(webhookId, h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"),
                            body, Instant.now());
                    count(verdict);
                }
            }
            JsonNode event = Json.tree(new String(body, StandardCharsets.UTF_8));
            if (VERIFICATION.equals(event.path("type").asText()) && event.path("data").path("challenge").isTextual()) {
                byte[] answer = Json.write(java.util.Map.of("challenge", event.path("data").path("challenge").asText()))
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                return;
            }
            JsonNode sequence = event.path("subjectsequence");
            onDelivery.accept(new Delivery(webhookId, event.path("id").asText(null), event.path("type").asText(null),
                    event.path("subject").asText(null), sequence.isNumber() ? sequence.asLong() : -1, event, verdict,
                    nanos));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
    }
}
