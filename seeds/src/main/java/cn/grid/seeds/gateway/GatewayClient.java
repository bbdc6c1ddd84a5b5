package cn.grid.seeds.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's public API as the loader uses it: dev tokens (cached per subject, role and scope), JSON calls with
 * Idempotency-Key and If-Match, retries of 502/503/504 and broken connections (safe: every write has a lookup or
 * a key before it), keyset paging, and polling a read model until it knows a node.
 */
public final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 5;

    private final String gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public GatewayClient(String gateway) {
        this.gateway = gateway.replaceAll("/+$", "");
    }

    public String base() {
        return gateway;
    }

    /** The token of the seeds' district administrator. */
    public String admin() {
        return token("seed-admin", "district-admin", null);
    }

    /** A dev token ({@code POST /auth/dev-token}) naming who calls; the services take rights from the registry. */
    public String token(String subject, String role, String scope) {
        // not computeIfAbsent: the call must not hold a lock of the map (two threads may both ask; harmless)
        String key = subject + "|" + role + "|" + scope;
        String token = tokens.get(key);
        if (token == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("subject", subject);
            body.put("roles", List.of(role));
            body.put("gridScope", scope);
            token = post("/auth/dev-token", null, body).expect(200, "dev token for " + subject).text("token");
            tokens.put(key, token);
        }
        return token;
    }

    public Reply get(String path, String token) {
        return call("GET", path, token, null, null, null);
    }

    public Reply post(String path, String token, Object body) {
        return call("POST", path, token, body, null, null);
    }

    public Reply post(String path, String token, Object body, String idempotencyKey, String ifMatch) {
        return call("POST", path, token, body, idempotencyKey, ifMatch);
    }

    public Reply call(String method, String path, String token, Object body, String idempotencyKey,
            String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = b.build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> raw = http.send(request, HttpResponse.BodyHandlers.ofString());
                // 502/503/504: the suite is busy or a service restarts; a retry is safe (lookups, keys)
                if (raw.statusCode() >= 502 && raw.statusCode() <= 504 && attempt < ATTEMPTS) {
                    pause(Duration.ofMillis(500L * attempt));
                    continue;
                }
                return new Reply(raw.statusCode(), parse(raw.body()), raw);
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw new UncheckedIOException(method + " " + gateway + path + ": " + e, e);
                }
                pause(Duration.ofMillis(500L * attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + method + " " + path, e);
            }
        }
    }

    /** Every item of a keyset-paged list ({@code path} has a query already, the cursor is appended). */
    public List<JsonNode> pages(String path, String token) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            String p = cursor == null ? path : path + "&cursor=" + encode(cursor);
            JsonNode page = get(p, token).expect(200, "list").json();
            page.path("items").forEach(out::add);
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return out;
    }

    /** Polls a read model of another service until it knows the node (grid.events are eventually consistent). */
    public void waitKnown(String path) {
        for (int i = 0; i < 240; i++) {
            if (get(path, admin()).status() == 200) {
                return;
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(path + " did not become known within 60 s");
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A pause without Thread.sleep: waits for a delayed no-op task. */
    public static void pause(Duration d) {
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(d.toMillis(), TimeUnit.MILLISECONDS))
                .join();
    }

    static JsonNode parse(String text) {
        // the gateway's HTML or plain-text answers (a proxy's 502) are no JSON: kept only as raw text
        if (text == null || text.isBlank() || !text.trim().matches("(?s)[\\[{].*")) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the gateway answered broken JSON: " + text, e);
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
