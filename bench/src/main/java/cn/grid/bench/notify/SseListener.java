package cn.grid.bench.notify;

import cn.grid.bench.GatewayClient;
import cn.grid.bench.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A person's open live stream ({@code GET /api/v1/me/notifications/stream} through the gateway), read as an app
 * reads it: each {@code notification} event handed over with the moment it was read; when the stream ends or breaks
 * (the service was killed), it connects again with the last event id as {@code Last-Event-ID}, so that nothing sent
 * in between is lost.
 */
public final class SseListener implements AutoCloseable {

    public static final String PATH = "/api/v1/me/notifications/stream";

    /** One notification read from the stream. */
    public record Received(String eventId, JsonNode notification, long nanos) {
    }

    private final GatewayClient client;
    private final String token;
    private final Consumer<Received> onNotification;
    private final Thread reader;
    private final AtomicInteger connects = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean open;
    private volatile InputStream current;
    private volatile String lastEventId;
    private volatile String lastProblem;

    public SseListener(GatewayClient client, String token, Consumer<Received> onNotification) {
        this.client = client;
        this.token = token;
        this.onNotification = onNotification;
        this.reader = new Thread(this::readUntilClosed, "sse-listener");
        this.reader.setDaemon(true);
    }

    /** Connects without Last-Event-ID: only what comes from now on. */
    public SseListener start() {
        reader.start();
        return this;
    }

    /** Connects with {@code lastEventId} as Last-Event-ID: everything after it first, then what comes. */
    public SseListener startAfter(String lastEventId) {
        this.lastEventId = lastEventId;
        return start();
    }

    /** Whether a stream is open now (answered 200 and not ended). */
    public boolean open() {
        return open;
    }

    /** Connections answered 200 so far: 1 when the stream never broke. */
    public int connects() {
        return connects.get();
    }

    /** Why the last attempt failed or the last stream ended, or null. */
    public String lastProblem() {
        return lastProblem;
    }

    private void readUntilClosed() {
        while (!closed) {
            try {
                Map<String, String> headers = new HashMap<>();
                headers.put("Accept", "text/event-stream");
                if (lastEventId != null) {
                    headers.put("Last-Event-ID", lastEventId);
                }
                HttpResponse<InputStream> response = client.openStream(PATH, token, headers);
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        lastProblem = "stream answered " + response.statusCode() + " "
                                + new String(body.readNBytes(300), StandardCharsets.UTF_8);
                    } else {
                        current = body;
                        connects.incrementAndGet();
                        open = true;
                        read(body);
                        lastProblem = "the stream ended";
                    }
                }
            } catch (IOException e) {
                lastProblem = String.valueOf(e);
            } finally {
                open = false;
                current = null;
            }
            if (!closed) {
                pause();   // as EventSource does before reconnecting (the service's retry hint is ~seconds)
            }
        }
    }

    private void read(InputStream body) throws IOException {
        SseParser parser = new SseParser();
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            parser.line(line).ifPresent(event -> {
                long nanos = System.nanoTime();
                lastEventId = parser.lastEventId();
                if ("notification".equals(event.type())) {
                    onNotification.accept(new Received(event.id(), Json.tree(event.data()), nanos));
                }
            });
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream body = current;
        if (body != null) {
            try {
                body.close();
            } catch (IOException e) {
                // closing is all that is wanted
            }
        }
        reader.interrupt();
    }
}
