package cn.grid.system;

import cn.grid.testsupport.EmbeddedKafka;
import cn.grid.testsupport.TestDatabase;
import cn.grid.testsupport.TestJwt;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The five packaged services ({@code target/quarkus-app/quarkus-run.jar}) started as real JVM processes, each
 * with its own fresh database, against the embedded Kafka broker, wired as {@code deploy/local/run} wires them.
 * request-service may run as several instances ({@code request-service}, {@code request-service-2} ...), which
 * share its database and which the gateway balances over, as {@code REQUEST_INSTANCES=2 deploy/local/run} does.
 * With an {@link Idp} the suite verifies that provider's tokens and the gateway's dev-token endpoint is off, as
 * {@code deploy/local/run --idp keycloak} wires it.
 */
final class RunningSuite implements AutoCloseable {

    /** quarkus.management.port = quarkus.http.port + 100 in every process of the suite. */
    static final int MANAGEMENT_PORT_OFFSET = 100;

    private final Path root;
    private final Path logs;
    private final int requestInstances;
    private final Idp idp;
    private final Map<String, String> environment;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final List<TestDatabase> databases = new ArrayList<>();

    /**
     * An OIDC provider the suite trusts instead of the dev-token key: its JWKS URL (or key file) and issuer.
     */
    record Idp(String publicKeyLocation, String issuer) {
    }

    private RunningSuite(Path root, int requestInstances, Idp idp, Map<String, String> environment)
            throws IOException {
        this.root = root;
        this.environment = environment;
        this.requestInstances = requestInstances;
        this.idp = idp;
        this.logs = Files.createDirectories(root.resolve("system-tests/target/suite-logs"));
    }

    static RunningSuite start() throws Exception {
        return start(1);
    }

    /** The suite with {@code requestInstances} instances of request-service behind the gateway. */
    static RunningSuite start(int requestInstances) throws Exception {
        return start(requestInstances, null);
    }

    /** The suite verifying the tokens of {@code idp}, with no dev tokens. */
    static RunningSuite start(Idp idp) throws Exception {
        return start(1, idp);
    }

    /** The suite with these environment variables set for every process, the gateway too. */
    static RunningSuite start(Map<String, String> environment) throws Exception {
        return start(1, null, environment);
    }

    private static RunningSuite start(int requestInstances, Idp idp) throws Exception {
        return start(requestInstances, idp, Map.of());
    }

    private static RunningSuite start(int requestInstances, Idp idp, Map<String, String> environment)
            throws Exception {
        RunningSuite suite = new RunningSuite(Path.of(System.getProperty("grid.repo.root", "..")).toAbsolutePath()
                .normalize(), requestInstances, idp, environment);
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

    /** Health and metrics of a process: its management interface, on its port + 100 (as everywhere in the suite). */
    String management(String process) {
        return "http://127.0.0.1:" + (port(process) + MANAGEMENT_PORT_OFFSET);
    }

    /** Kills one process at once, as a crash would (no shutdown hooks, open connections reset). */
    void kill(String process) throws InterruptedException {
        Process p = processes.get(process);
        p.destroyForcibly();
        p.waitFor();
    }

    private List<String> requestServiceInstances() {
        List<String> names = new ArrayList<>(List.of("request-service"));
        for (int i = 2; i <= requestInstances; i++) {
            names.add("request-service-" + i);
        }
        return names;
    }

    private void startAll() throws Exception {
        List<String> all = new ArrayList<>(List.of("grid-service", "study-service"));
        all.addAll(requestServiceInstances());
        all.add("notification-service");
        all.add("gateway");
        for (String process : all) {
            ports.put(process, freePortWithItsManagementPort());
        }
        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", EmbeddedKafka.bootstrapServers());
        common.put("GRID_JWT_PUBLIC_KEY_LOCATION", idp != null ? idp.publicKeyLocation()
                : TestJwt.publicKeyFile().toUri().toString());
        common.put("GRID_JWT_ISSUER", idp != null ? idp.issuer() : TestJwt.ISSUER);
        common.put("GRID_DB_HOST", System.getenv().getOrDefault("GRID_TEST_PG_HOST", "127.0.0.1"));
        common.put("GRID_DB_PORT", System.getenv().getOrDefault("GRID_TEST_PG_PORT", "5432"));
        common.put("GRID_DB_USER", TestDatabase.user());
        common.put("GRID_DB_PASSWORD", TestDatabase.password());
        // the jars run the prod profile, which refuses grid-service's published identity-number key: a random one
        common.put("GRID_PEOPLE_ID_HMAC_KEY", java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID());
        // the packaged services run their prod profile, whose webhook guard refuses private addresses: the tests'
        // receivers listen on this machine, allowed by name as an operator would allow an internal receiver
        common.put("GRID_NOTIFICATION_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1");
        common.putAll(environment);

        for (String service : List.of("grid-service", "study-service", "request-service", "notification-service")) {
            TestDatabase db = TestDatabase.create(service.replace('-', '_') + "_sys");
            databases.add(db);
            Map<String, String> env = new HashMap<>(common);
            env.put("GRID_DB_NAME", db.name());
            // the instances of a service share its database
            for (String instance : service.equals("request-service") ? requestServiceInstances() : List.of(service)) {
                launch(instance, service, env);
            }
        }
        Map<String, String> gateway = new HashMap<>(common);
        gateway.put("QUARKUS_PROFILE", "dev");
        if (idp != null) {
            // as the launcher does with --idp keycloak: the dev profile, but no dev tokens
            gateway.put("_DEV_GATEWAY_DEV_TOKEN_ENABLED", "false");
            gateway.put("GATEWAY_DEV_TOKEN_ENABLED", "false");
        } else {
            gateway.put("GRID_JWT_PRIVATE_KEY_LOCATION", TestJwt.privateKeyFile().toUri().toString());
        }
        gateway.put("GRID_SERVICE_URL", "http://127.0.0.1:" + port("grid-service"));
        gateway.put("STUDY_SERVICE_URL", "http://127.0.0.1:" + port("study-service"));
        gateway.put("REQUEST_SERVICE_URL", "http://127.0.0.1:" + port("request-service"));
        gateway.put("NOTIFICATION_SERVICE_URL", "http://127.0.0.1:" + port("notification-service"));
        gateway.put("REQUEST_SERVICE_ADDRESSES", String.join(",", requestServiceInstances().stream()
                .map(instance -> "127.0.0.1:" + port(instance)).toList()));
        String upstreamTimeout = System.getProperty("suite.upstream-timeout");
        if (upstreamTimeout != null) {
            // the gateway's 10 s default is for a machine that is not also running other builds: -Dsuite.upstream-timeout=60S
            for (String upstream : List.of("GRID", "STUDY", "REQUEST", "NOTIFICATION")) {
                gateway.put("GATEWAY_UPSTREAMS_" + upstream + "_TIMEOUT", upstreamTimeout);
            }
        }
        launch("gateway", "gateway", gateway);

        // a loaded shared machine (parallel builds on 2 cores) can take longer: -Dsuite.start-timeout=300
        Duration startTimeout = Duration.ofSeconds(Long.getLong("suite.start-timeout", 300));
        for (String service : ports.keySet()) {
            awaitReady(service, startTimeout);
        }
    }

    private void launch(String process, String module, Map<String, String> env) throws IOException {
        Path jar = root.resolve(module + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify does)");
        }
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString())
                .directory(root.resolve(module).toFile())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(process + ".log").toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port(process)));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(port(process) + MANAGEMENT_PORT_OFFSET));
        processes.put(process, builder.start());
    }

    private void awaitReady(String service, Duration timeout) {
        URI ready = URI.create(management(service) + "/q/health/ready");
        if (!HttpReadiness.await(ready, timeout, Duration.ofMillis(200),
                () -> processes.values().stream().allMatch(Process::isAlive),
                "a service process died during start-up; see " + logs)) {
            throw new IllegalStateException(service + " not ready within " + timeout + "; see "
                    + logs.resolve(service + ".log"));
        }
    }

    @Override
    public void close() {
        for (Process p : processes.values()) {
            p.destroy();
        }
        for (Process p : processes.values()) {
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

    /** A free port p with p + 100 free as well: the gateway probes a service's readiness at its port + 100. */
    private static int freePortWithItsManagementPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            if (port + MANAGEMENT_PORT_OFFSET <= 65535 && isFree(port + MANAGEMENT_PORT_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port p with p + " + MANAGEMENT_PORT_OFFSET + " free too");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
