package cn.grid.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Calls to a suite's gateway as the apps make them: JSON bodies, a bearer token, extra headers. HTTP/1.1 so each
 * benchmark thread holds its own connection, as each phone does.
 */
public final class GatewayClient {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    private final String gateway;
    private final Duration timeout;

    /** {@code timeout} bounds each whole call: a call that takes longer counts as unanswered. */
    public GatewayClient(String gateway, Duration timeout) {
        this.gateway = gateway;
        this.timeout = timeout;
    }

    public String gateway() {
        return gateway;
    }

    /** The answer; an {@link IOException} when there was none. */
    public Reply send(String method, String path, String token, String body, Map<String, String> headers)
            throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Opens a long-lived GET (a text/event-stream): the answer's status and headers, the body to read as it comes.
     * {@code timeout} bounds only the wait for the answer's headers; the body is read until the server ends it or the
     * caller closes it.
     */
    public HttpResponse<java.io.InputStream> openStream(String path, String token, Map<String, String> headers)
            throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(timeout).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The status of a GET of a whole URL (a management interface), or -1 without an answer. */
    public static int statusOf(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
