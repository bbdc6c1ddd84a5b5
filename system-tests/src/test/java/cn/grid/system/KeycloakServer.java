package cn.grid.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Keycloak ({@code org.keycloak:keycloak-quarkus-dist}, unpacked by this module's build into
 * {@code target/keycloak}) started as a process with {@code kc.sh start-dev}, a fresh store of its own, and the
 * launcher's realm ({@code deploy/local/keycloak/grid-realm.json}) plus one test-only client, {@code grid-test},
 * that may use the password grant (the realm's own clients may not). The realm's secrets are random per run, passed
 * the way the launcher passes them: as the environment its placeholders name.
 */
final class KeycloakServer implements AutoCloseable {

    static final String REALM = "grid";
    /** A public client with direct access grants, only in the test's copy of the realm. */
    static final String TEST_CLIENT = "grid-test";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final int port;
    private final Process process;
    private final Path log;
    final String demoPassword = "demo-" + UUID.randomUUID();
    final String integratorSecret = "integrator-" + UUID.randomUUID();
    final String adminPassword = "admin-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private KeycloakServer(Path root, Path home, int port) throws IOException {
        this.home = home;
        this.port = port;
        Path logs = Files.createDirectories(root.resolve("system-tests/target/suite-logs"));
        this.log = logs.resolve("keycloak.log");
        // a fresh store each run: --import-realm skips a realm that exists, and the secrets are new
        deleteTree(home.resolve("data"));
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.writeString(imports.resolve("grid-realm.json"),
                testRealm(root.resolve("deploy/local/keycloak/grid-realm.json")));
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--import-realm", "--http-host", "127.0.0.1", "--http-port", Integer.toString(port),
                "--hostname", baseUrl())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        env.remove("JAVA_OPTS");
        env.put("GRID_KC_DEMO_PASSWORD", demoPassword);
        env.put("GRID_KC_INTEGRATOR_SECRET", integratorSecret);
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        this.process = builder.start();
    }

    /** Starts Keycloak and returns at once: {@link #awaitReady(Duration)} waits for its realm. */
    static KeycloakServer start() throws IOException {
        Path root = Path.of(System.getProperty("grid.repo.root", "..")).toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("keycloak.home",
                root.resolve("system-tests/target/keycloak/keycloak-" + System.getProperty("keycloak.version"))
                        .toString()));
        if (!Files.exists(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(home + "/bin/kc.sh is missing: this module's build unpacks "
                    + "keycloak-quarkus-dist there (./mvnw verify -pl system-tests)");
        }
        return new KeycloakServer(root, home, freePort());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    String tokenEndpoint(String realm) {
        return baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token";
    }

    void awaitReady(Duration timeout) {
        URI ready = URI.create(issuer() + "/.well-known/openid-configuration");
        if (!HttpReadiness.await(ready, timeout, Duration.ofMillis(500), process::isAlive,
                "Keycloak exited during start-up; see " + log)) {
            throw new IllegalStateException("Keycloak's realm not ready within " + timeout + "; see " + log);
        }
    }

    /** A user's access token by the password grant on the test-only client. */
    String passwordToken(String username) {
        return token(REALM, Map.of("grant_type", "password", "client_id", TEST_CLIENT, "username", username,
                "password", demoPassword, "scope", "openid"));
    }

    /** The integrator's access token by the client-credentials grant of the realm's grid-integrator client. */
    String integratorToken() {
        return token(REALM, Map.of("grant_type", "client_credentials", "client_id", "grid-integrator",
                "client_secret", integratorSecret));
    }

    /** A token of the same Keycloak but another realm (master, its admin): another issuer, other keys. */
    String masterRealmToken() {
        return token("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                "password", adminPassword));
    }

    String token(String realm, Map<String, String> form) {
        HttpResponse<String> response = post(tokenEndpoint(realm), form);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": "
                    + response.body());
        }
        return json(response.body()).get("access_token").asText();
    }

    HttpResponse<String> post(String url, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the mobile app does with the realm's public client {@code grid-app}: the authorization code flow with
     * PKCE (S256) — the login page, the user's password posted to its form, the code from the redirect to the app's
     * URI, exchanged for a token with the code verifier. Returns the token endpoint's answer.
     */
    HttpResponse<String> appSignIn(String username, boolean withPkce) throws IOException, InterruptedException {
        // cookies by hand: Keycloak marks its login cookies Secure, which java.net.CookieManager never sends over
        // http, while a browser does to 127.0.0.1 (a secure context)
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge;
        try {
            challenge = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String redirect = "cn.grid.app:/oauth2redirect";
        String authorize = issuer() + "/protocol/openid-connect/auth?client_id=grid-app&response_type=code&scope=openid"
                + "&state=s1&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + (withPkce ? "&code_challenge_method=S256&code_challenge=" + challenge : "");
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            // Keycloak refuses at once, by redirecting to the app with an error (e.g. no code_challenge)
            return page;
        }
        java.util.regex.Matcher action = java.util.regex.Pattern.compile("action=\"([^\"]+)\"").matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form in Keycloak's page: " + page.body());
        }
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(demoPassword, StandardCharsets.UTF_8);
        String cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .collect(Collectors.joining("; "));
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String location = login.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("no redirect after the login form: " + login.statusCode() + " " + login.body()));
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!code.find()) {
            throw new IllegalStateException("no code in the redirect " + location);
        }
        return post(tokenEndpoint(REALM), Map.of("grant_type", "authorization_code", "client_id", "grid-app",
                "code", code.group(1), "redirect_uri", redirect, "code_verifier", verifier));
    }

    /** The claims of a JWT, unverified (the suite verifies; the test only looks). */
    static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        return json(new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The launcher's realm with the test-only password-grant client added (same mappers as the app's client). */
    static String testRealm(Path launcherRealm) throws IOException {
        ObjectNode realm = (ObjectNode) JSON.readTree(launcherRealm.toFile());
        ArrayNode clients = (ArrayNode) realm.get("clients");
        JsonNode app = null;
        for (JsonNode client : clients) {
            if ("grid-app".equals(client.get("clientId").asText())) {
                app = client;
            }
        }
        if (app == null) {
            throw new IllegalStateException(launcherRealm + " has no grid-app client");
        }
        ObjectNode test = JSON.createObjectNode();
        test.put("clientId", TEST_CLIENT);
        test.put("enabled", true);
        test.put("protocol", "openid-connect");
        test.put("publicClient", true);
        test.put("standardFlowEnabled", false);
        test.put("directAccessGrantsEnabled", true);
        test.set("protocolMappers", app.get("protocolMappers").deepCopy());
        clients.add(test);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(realm);
    }

    @Override
    public void close() {
        // kc.sh forwards SIGTERM to its java child; the child is ended too in case the script is gone first
        var children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
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
