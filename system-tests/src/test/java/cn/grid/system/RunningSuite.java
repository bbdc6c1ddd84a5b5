package cn.grid.system;

import cn.grid.testsupport.EmbeddedKafka;
import cn.grid.testsupport.TestDatabase;
import cn.grid.testsupport.TestJwt;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four packaged services ({@code target/quarkus-app/quarkus-run.jar}) started as real JVM processes, each
 * with its own fresh database, against the embedded Kafka broker, wired as {@code deploy/local/run} wires them.
 */
final class RunningSuite implements AutoCloseable {

    private final Path root;
    private final Path logs;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<TestDatabase> databases = new ArrayList<>();

    private RunningSuite(Path root) throws IOException {
        this.root = root;
        this.logs = Files.createDirectories(root.resolve("system-tests/target/suite-logs"));
    }

    static RunningSuite start() throws Exception {
        RunningSuite suite = new RunningSuite(Path.of(System.getProperty("grid.repo.root", "..")).toAbsolutePath()
                .normalize());
        try {
            suite.startAll();
            return suite;
        } catch (Exception | Error e) {
            suite.close();
            throw e;
        }
    }

    int port(String service) {
        return ports.get(service);
    }

    String gateway() {
        return "http://127.0.0.1:" + port("gateway");
    }

    private void startAll() throws Exception {
        for (String service : List.of("grid-service", "study-service", "request-service", "gateway")) {
            ports.put(service, freePort());
        }
        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", EmbeddedKafka.bootstrapServers());
        common.put("GRID_JWT_PUBLIC_KEY_LOCATION", TestJwt.publicKeyFile().toUri().toString());
        common.put("GRID_JWT_ISSUER", TestJwt.ISSUER);
        common.put("GRID_DB_HOST", System.getenv().getOrDefault("GRID_TEST_PG_HOST", "127.0.0.1"));
        common.put("GRID_DB_PORT", System.getenv().getOrDefault("GRID_TEST_PG_PORT", "5432"));
        common.put("GRID_DB_USER", TestDatabase.user());
        common.put("GRID_DB_PASSWORD", TestDatabase.password());

        for (String service : List.of("grid-service", "study-service", "request-service")) {
            TestDatabase db = TestDatabase.create(service.replace('-', '_') + "_sys");
            databases.add(db);
            Map<String, String> env = new HashMap<>(common);
            env.put("GRID_DB_NAME", db.name());
            launch(service, env);
        }
        Map<String, String> gateway = new HashMap<>(common);
        gateway.put("QUARKUS_PROFILE", "dev");
        gateway.put("GRID_JWT_PRIVATE_KEY_LOCATION", TestJwt.privateKeyFile().toUri().toString());
        gateway.put("GRID_SERVICE_URL", "http://127.0.0.1:" + port("grid-service"));
        gateway.put("STUDY_SERVICE_URL", "http://127.0.0.1:" + port("study-service"));
        gateway.put("REQUEST_SERVICE_URL", "http://127.0.0.1:" + port("request-service"));
        launch("gateway", gateway);

        for (String service : ports.keySet()) {
            awaitReady(service, Duration.ofSeconds(120));
        }
    }

    private void launch(String service, Map<String, String> env) throws IOException {
        Path jar = root.resolve(service + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify does)");
        }
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString())
                .directory(root.resolve(service).toFile())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(service + ".log").toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port(service)));
        processes.add(builder.start());
    }

    private void awaitReady(String service, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create("http://127.0.0.1:" + port(service) + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a service process died during start-up; see " + logs);
                }
            }
            try {
                HttpURLConnection c = (HttpURLConnection) ready.toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IllegalStateException(service + " not ready within " + timeout + "; see " + logs.resolve(service + ".log"));
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        databases.forEach(TestDatabase::close);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
