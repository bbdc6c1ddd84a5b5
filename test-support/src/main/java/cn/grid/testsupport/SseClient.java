package cn.grid.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test's Server-Sent Events client: a plain HTTP/1.1 request whose body is read line by line on a thread of its
 * own and parsed per the SSE rules (fields, comments, events ended by a blank line), so a test sees exactly what went
 * over the wire.
 */
public final class SseClient implements AutoCloseable {

    /** One dispatched event. */
    public record Event(String id, String name, String data) {
    }

    private final HttpResponse<InputStream> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<String> retries = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    /** Opens {@code url} with the given request headers (name, value, name, value ...); returns once the head is in. */
    public static SseClient open(URI url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new SseClient(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    public int status() {
        return response.statusCode();
    }

    public Map<String, List<String>> headers() {
        return response.headers().map();
    }

    /** The body of a response that is not a stream (a problem). */
    public String body() throws IOException {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<String> ids() {
        return events.stream().map(Event::id).toList();
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    public List<String> retries() {
        return List.copyOf(retries);
    }

    /** Whether the server ended the response. */
    public boolean ended() {
        return ended;
    }

    /** Hangs up, as a client that goes away does. */
    @Override
    public void close() throws IOException {
        response.body().close();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            List<String> data = new ArrayList<>();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name == null ? "message" : name, String.join("\n", data)));
                    }
                    name = null;
                    data = new ArrayList<>();
                    continue;
                }
                if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "data" -> data.add(value);
                    case "retry" -> retries.add(value);
                    default -> {
                        // ignored, as the SSE rules say
                    }
                }
            }
            ended = true;
        } catch (IOException e) {
            // closed by the test
        }
    }
}
