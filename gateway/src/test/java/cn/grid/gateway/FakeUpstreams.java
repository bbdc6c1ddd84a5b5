package cn.grid.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector.MatchesType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Four stand-in services on random ports, with the gateway pointed at them. They answer by the end of the
 * path, and say who they are and what they got, so tests see both sides of the gateway through its
 * responses alone:
 * <ul>
 *   <li>{@code .../download?bytes=N}: N bytes of {@link #pattern(long)}, streamed in chunks</li>
 *   <li>{@code .../slow}: "first\n", a 2 s pause, then "second\n"</li>
 *   <li>{@code .../hang}: answers only after 4 s (the study route's timeout here is 1 s)</li>
 *   <li>{@code .../abort}: closes the connection without an answer</li>
 *   <li>{@code .../stream} (notification only): an event stream ({@code text/event-stream}) that stays open, starts
 *       with a comment naming the {@code Last-Event-ID} it got, sends each event a test hands to {@link #sendEvent}
 *       the moment it gets it, and a comment ({@code : tick}) after {@value #STREAM_QUIET_MS} ms without one, until the
 *       connection breaks ({@link #openStreams()})</li>
 *   <li>{@code .../}{@value #MISSING_NODE}: 404 problem+json from every service</li>
 *   <li>{@code .../}{@value #SLOW_STUDY_NODE} (study only, with or without query): answers after 4 s</li>
 *   <li>{@code .../me/work}: a work list of two items of the service (see {@link #workList(String)}); for the
 *       token subject {@value #SLOW_STUDY_SUBJECT} study answers it after 4 s</li>
 *   <li>{@code /api/v1/people/me} for the token subject {@value #UNLINKED_SUBJECT}: 404 problem+json (a login
 *       linked to no person)</li>
 *   <li>{@code /api/v1/me/notifications} (notification only): an empty inbox page with {@value #UNREAD} unread; for
 *       the token subject {@value #SLOW_NOTIFICATION_SUBJECT} after 4 s</li>
 *   <li>anything else: a JSON echo of method, path, query, headers and the body's length and SHA-256,
 *       with status {@code ?status=} (default 200)</li>
 * </ul>
 * Init arg {@code down=<upstream>} points that upstream at a port nobody listens on instead. Init arg
 * {@code <upstream>-instances=N} (e.g. {@code request-instances=2}) runs N instances of that upstream, named
 * {@code request-1}, {@code request-2} ..., and gives the gateway all of them as its Stork address list; each
 * answer names its instance ({@code X-Upstream-Instance}, and {@code upstreamInstance} in the echo). Any other
 * init arg is passed on as configuration. A test gets this object in a field of type {@code FakeUpstreams}, to
 * {@link #stop(String) stop} and {@link #restart(String) restart} instances.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    public static final String STUDY_TIMEOUT = "1S";

    /** The notification route's timeout here: its event stream is quiet for longer ({@value #STREAM_QUIET_MS} ms). */
    public static final String NOTIFICATION_TIMEOUT = "1S";

    /** How long the fake event stream stays quiet between two comments when it has no event to send. */
    public static final long STREAM_QUIET_MS = 1500;

    /** A grid node id no service knows. */
    public static final String MISSING_NODE = "00000000-0000-0000-0000-000000000404";

    /** A grid node id study-service takes too long over. */
    public static final String SLOW_STUDY_NODE = "00000000-0000-0000-0000-000000000504";

    /** A token subject whose study-service work list takes too long. */
    public static final String SLOW_STUDY_SUBJECT = "slow-study-member";

    /** A token subject whose notification-service inbox takes too long. */
    public static final String SLOW_NOTIFICATION_SUBJECT = "slow-inbox-member";

    /** How many notifications the stand-in inbox says are unread. */
    public static final int UNREAD = 4;

    /** A token subject grid-service links to no person. */
    public static final String UNLINKED_SUBJECT = "citizen-without-person";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final Map<String, String> extraConfig = new LinkedHashMap<>();
    private final Map<String, Integer> instances = new LinkedHashMap<>();
    private ExecutorService executor;
    private final java.util.concurrent.BlockingQueue<String> sseEvents = new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger openStreams = new java.util.concurrent.atomic.AtomicInteger();
    private String down;

    @Override
    public void init(Map<String, String> initArgs) {
        initArgs.forEach((name, value) -> {
            if (name.equals("down")) {
                down = value;
            } else if (name.endsWith("-instances")) {
                instances.put(name.substring(0, name.length() - "-instances".length()), Integer.parseInt(value));
            } else {
                extraConfig.put(name, value);
            }
        });
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new MatchesType(FakeUpstreams.class));
    }

    /** The port of an instance ("request-2"), which it keeps across {@link #stop} and {@link #restart}. */
    public int port(String instance) {
        return ports.get(instance);
    }

    /** Stops an instance: its port is closed and its open connections are cut. */
    public void stop(String instance) {
        HttpServer server = servers.remove(instance);
        if (server != null) {
            server.stop(0);
        }
    }

    /** Starts a stopped instance again, on its old port. */
    public void restart(String instance) {
        if (!servers.containsKey(instance)) {
            serve(instance.substring(0, instance.lastIndexOf('-')), instance, ports.get(instance));
        }
    }

    /** Hands one event to the open stream of the fake notification-service, which sends it at once. */
    public void sendEvent(String id, String data) {
        sseEvents.add("id: " + id + "\nevent: notification\ndata: " + data + "\n\n");
    }

    /** Event streams the fake notification-service is serving now (a stream ends when its connection breaks). */
    public int openStreams() {
        return openStreams.get();
    }

    @Override
    public Map<String, String> start() {
        executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fake-upstream");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, String> config = new LinkedHashMap<>();
        for (String upstream : List.of("grid", "study", "request", "notification")) {
            if (upstream.equals(down)) {
                config.put("gateway.upstreams." + upstream + ".url", "http://127.0.0.1:" + closedPort());
                continue;
            }
            List<String> addresses = new ArrayList<>();
            for (int i = 1; i <= instances.getOrDefault(upstream, 1); i++) {
                addresses.add("127.0.0.1:" + serve(upstream, upstream + "-" + i, 0));
            }
            config.put("gateway.upstreams." + upstream + ".url", "http://" + addresses.get(0));
            if (addresses.size() > 1) {
                config.put("quarkus.stork." + upstream + "-service.service-discovery.address-list",
                        String.join(",", addresses));
            }
        }
        config.put("gateway.upstreams.study.timeout", STUDY_TIMEOUT);
        config.put("gateway.upstreams.notification.timeout", NOTIFICATION_TIMEOUT);
        config.putAll(extraConfig);
        return config;
    }

    @Override
    public void stop() {
        servers.values().forEach(server -> server.stop(0));
        servers.clear();
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Byte {@code i} of every download. */
    public static byte pattern(long i) {
        return (byte) (i * 31 + 7);
    }

    private int serve(String service, String instance, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().add("X-Upstream-Instance", instance);
                    answer(service, instance, exchange);
                } catch (IOException | RuntimeException e) {
                    // the gateway hung up (a timeout test): nothing left to answer
                }
            });
            server.setExecutor(executor);
            server.start();
            servers.put(instance, server);
            ports.put(instance, server.getAddress().getPort());
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(String service, String instance, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        exchange.getResponseHeaders().add("X-Upstream", service);
        if (path.endsWith("/abort")) {
            // closing before any answer: the connection just goes away
            return;
        }
        if (path.endsWith("/" + MISSING_NODE)) {
            byte[] problem = ("{\"type\":\"https://grid-suite.cn/problems/not-found\",\"title\":\"Resource not found\","
                    + "\"status\":404,\"detail\":\"grid node " + MISSING_NODE + " does not exist\"}").getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(404, problem.length);
            exchange.getResponseBody().write(problem);
            return;
        }
        if (path.endsWith("/" + SLOW_STUDY_NODE) && service.equals("study")) {
            sleep(4000);
        }
        if (path.endsWith("/hang")) {
            sleep(4000);
        }
        if (path.endsWith("/me/work")) {
            if (service.equals("study") && SLOW_STUDY_SUBJECT.equals(subjectOf(exchange))) {
                sleep(4000);
            }
            byte[] body = JSON.writeValueAsBytes(workList(service));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            return;
        }
        if (path.equals("/api/v1/me/notifications") && service.equals("notification")) {
            if (SLOW_NOTIFICATION_SUBJECT.equals(subjectOf(exchange))) {
                sleep(4000);
            }
            byte[] body = JSON.writeValueAsBytes(Map.of("items", List.of(), "unreadCount", UNREAD));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            return;
        }
        if (path.equals("/api/v1/people/me") && UNLINKED_SUBJECT.equals(subjectOf(exchange))) {
            byte[] problem = ("{\"type\":\"https://grid-suite.cn/problems/not-found\",\"title\":\"Resource not found\","
                    + "\"status\":404,\"detail\":\"your login is linked to no person\"}").getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(404, problem.length);
            exchange.getResponseBody().write(problem);
            return;
        }
        if (path.endsWith("/stream") && service.equals("notification")) {
            stream(exchange);
            return;
        }
        if (path.endsWith("/download")) {
            long bytes = Long.parseLong(param(query, "bytes", "0"));
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[32 * 1024];
                for (long sent = 0; sent < bytes; ) {
                    int n = (int) Math.min(chunk.length, bytes - sent);
                    for (int i = 0; i < n; i++) {
                        chunk[i] = pattern(sent + i);
                    }
                    out.write(chunk, 0, n);
                    sent += n;
                }
            }
            return;
        }
        if (path.endsWith("/slow")) {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("first\n".getBytes());
            out.flush();
            sleep(2000);
            out.write("second\n".getBytes());
            out.close();
            return;
        }
        echo(service, instance, exchange, path, query);
    }

    /** An event stream, open until the gateway hangs up (a write then fails). */
    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        openStreams.incrementAndGet();
        try {
            out.write(("retry: 1000\n: last-event-id=" + exchange.getRequestHeaders().getFirst("Last-Event-ID")
                    + "\n\n").getBytes());
            out.flush();
            while (true) {
                String event = sseEvents.poll(STREAM_QUIET_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
                out.write(event != null ? event.getBytes(java.nio.charset.StandardCharsets.UTF_8) : ": tick\n\n".getBytes());
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            openStreams.decrementAndGet();
        }
    }

    /**
     * A service's stand-in work list: an item due on the service's day of December 2026 (grid: none), one without a
     * deadline, counts of the service's own kind ({@code GRID_KIND}: 2 ...) and of {@code SHARED_KIND} (1 each), and
     * request-service's marked truncated.
     */
    public static Map<String, Object> workList(String service) {
        String kind = service.toUpperCase() + "_KIND";
        Map<String, String> due = Map.of("grid", "", "study", "2026-12-10T10:00:00+08:00",
                "request", "2026-12-01T09:00:00Z");
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, Object> dated = new LinkedHashMap<>();
        dated.put("kind", kind);
        dated.put("id", service + "-1");
        dated.put("title", service + " item");
        dated.put("dueAt", due.get(service).isEmpty() ? null : due.get(service));
        dated.put("href", "/api/v1/" + service + "/1");
        items.add(dated);
        Map<String, Object> undated = new LinkedHashMap<>(dated);
        undated.put("kind", "SHARED_KIND");
        undated.put("id", service + "-2");
        undated.put("dueAt", null);
        items.add(undated);
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("items", items);
        list.put("counts", Map.of(kind, 2, "SHARED_KIND", 1));
        list.put("truncated", service.equals("request"));
        return list;
    }

    /** The {@code sub} of the bearer token the gateway passed on (not verified: the gateway did that). */
    private static String subjectOf(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] jwt = authorization.substring("Bearer ".length()).split("\\.");
        try {
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt[1])).path("sub").asText(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void echo(String service, String instance, HttpExchange exchange, String path, String query)
            throws IOException {
        MessageDigest sha = sha256();
        long length = 0;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                length += n;
            }
        }
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("service", service);
        echo.put("upstreamInstance", instance);
        echo.put("method", exchange.getRequestMethod());
        echo.put("path", path);
        echo.put("query", query);
        echo.put("headers", headers);
        echo.put("bodyLength", length);
        echo.put("bodySha256", HexFormat.of().formatHex(sha.digest()));
        byte[] body = JSON.writeValueAsBytes(echo);

        int status = Integer.parseInt(param(query, "status", "200"));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Custom", "from-" + service);
        exchange.getResponseHeaders().add("Set-Cookie", "a=1");
        exchange.getResponseHeaders().add("Set-Cookie", "b=2");
        // hop-by-hop: must not reach the caller
        exchange.getResponseHeaders().add("Keep-Alive", "timeout=5");
        exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic");
        exchange.getResponseHeaders().add("Upgrade", "example/1");
        if (status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static String param(String query, String name, String fallback) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return fallback;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fake service takes this long (a slow or trickling upstream), not a wait for a condition. */
    private static void sleep(long millis) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
    }
}
