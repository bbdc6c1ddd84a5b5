package cn.grid.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver run by a test (notification-service's WebhookDeliveryTest, the system tests' NotificationsIT): a real HTTP server on a free port, one behaviour per path. It answers the
 * verification challenge (unless told otherwise), records every request as received, and verifies Standard Webhooks
 * signatures with its own HMAC code (not the service's).
 */
public final class WebhookReceiver implements AutoCloseable {

    public enum Verify { ECHO, WRONG_ECHO, FAIL }

    public enum Deliver { OK, FAIL_503, FAIL_500, HOLD }

    public record Received(String path, String webhookId, String timestamp, String signature, String body, String type,
            String eventId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Verify> verify = new ConcurrentHashMap<>();
    private final Map<String, Deliver> deliver = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch held = new CountDownLatch(1);

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void verify(String path, Verify mode) {
        verify.put(path, mode);
    }

    public void deliver(String path, Deliver mode) {
        deliver.put(path, mode);
    }

    /** Lets every held request answer (at the end of a test). */
    public void releaseHeld() {
        held.countDown();
        held = new CountDownLatch(1);
    }

    /** The deliveries (not verification requests) that reached {@code path}, in arrival order. */
    public List<Received> deliveries(String path) {
        List<Received> out = new ArrayList<>();
        for (Received r : received) {
            if (r.path().equals(path) && !r.type().endsWith(".webhook.verification.v1")) {
                out.add(r);
            }
        }
        return out;
    }

    public List<Received> verifications(String path) {
        return received.stream().filter(r -> r.path().equals(path) && r.type().endsWith(".webhook.verification.v1"))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode event = JSON.readTree(body);
            Received r = new Received(path, exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, event.path("type").asText(),
                    event.path("id").asText());
            received.add(r);
            if (r.type().endsWith(".webhook.verification.v1")) {
                switch (verify.getOrDefault(path, Verify.ECHO)) {
                    case ECHO -> answer(exchange, 200, "{\"challenge\":\"" + event.path("data").path("challenge").asText() + "\"}");
                    case WRONG_ECHO -> answer(exchange, 200, "{\"challenge\":\"something else\"}");
                    case FAIL -> answer(exchange, 500, "{}");
                }
                return;
            }
            switch (deliver.getOrDefault(path, Deliver.OK)) {
                case OK -> answer(exchange, 204, null);
                case FAIL_503 -> answer(exchange, 503, "{}");
                case FAIL_500 -> answer(exchange, 500, "{}");
                case HOLD -> {
                    try {
                        held.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    answer(exchange, 204, null);
                }
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * Standard Webhooks verification, written here independently: HMAC-SHA256 over id.timestamp.body keyed with the
     * base64 after whsec_, compared in constant time against each v1 signature; the timestamp within 5 minutes.
     */
    public static boolean verifies(Received r, String secret) {
        long timestamp = Long.parseLong(r.timestamp());
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((r.webhookId() + "." + r.timestamp() + "." + r.body())
                    .getBytes(StandardCharsets.UTF_8));
            for (String candidate : r.signature().split(" ")) {
                if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        releaseHeld();
        server.stop(0);
        threads.shutdownNow();
    }
}
