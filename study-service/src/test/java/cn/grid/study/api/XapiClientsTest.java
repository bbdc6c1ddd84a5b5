package cn.grid.study.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The xAPI face as real clients see it: {@code src/test/node/xapi-check.mjs} drives it with the npm packages
 * {@code @xapi/xapi} 3.0.3 and {@code tincanjs} 0.50.0 (versions pinned in package-lock.json). The Node project is
 * copied to {@code target/xapi-node} and installed there with {@code npm ci} (once; again only when the lock file
 * changed). Skipped, not failed, only where {@code node} or {@code npm} is not on the PATH: the check needs a Node
 * runtime, which a Java build cannot bring; every other failure (npm registry unreachable, a client error) fails.
 */
@QuarkusTest
class XapiClientsTest {

    private static final Path SOURCE = Path.of("src/test/node");
    private static final Path WORK = Path.of("target/xapi-node");

    static final StudyWorld WORLD = new StudyWorld();

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void xapiJsAndTinCanJsStoreReadPageAndVoid() throws Exception {
        Assumptions.assumeTrue(runs("node", "--version"), "node is not on the PATH: the client check needs Node.js 18+");
        Assumptions.assumeTrue(runs("npm", "--version"), "npm is not on the PATH: the client check installs the clients with npm");

        install();
        String token = TestJwt.token("xapi-check", null, Roles.SERVICE);
        String baseUrl = "http://localhost:" + base.getPort();
        Result check = run(List.of("node", "xapi-check.mjs", baseUrl, token), Duration.ofSeconds(120));
        System.out.println("node xapi-check.mjs:\n" + check.output());
        assertThat(check.exit()).as("node xapi-check.mjs said:%n%s", check.output()).isZero();
        assertThat(check.output()).contains("ok   @xapi/xapi 3.0.3").contains("ok   tincanjs 0.50.0");
    }

    /** The same check with LRS client credentials over HTTP Basic, as xAPI libraries are usually configured. */
    @Test
    void xapiJsAndTinCanJsWorkWithBasicClientCredentials() throws Exception {
        Assumptions.assumeTrue(runs("node", "--version"), "node is not on the PATH: the client check needs Node.js 18+");
        Assumptions.assumeTrue(runs("npm", "--version"), "npm is not on the PATH: the client check installs the clients with npm");

        WORLD.ensure(dataSource);
        install();
        XapiBasicAuthTest.Credentials client = XapiBasicAuthTest.issue(StudyWorld.district(), WORLD.orgA,
                "xapi-check " + WORLD.suffix);
        String baseUrl = "http://localhost:" + base.getPort();
        Result check = run(List.of("node", "xapi-check.mjs", baseUrl, "--basic", client.key(), client.secret()),
                Duration.ofSeconds(120));
        System.out.println("node xapi-check.mjs --basic:\n" + check.output());
        assertThat(check.exit()).as("node xapi-check.mjs --basic said:%n%s", check.output()).isZero();
        assertThat(check.output()).contains("ok   @xapi/xapi 3.0.3").contains("ok   tincanjs 0.50.0");
    }

    private static void install() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "xapi-check.mjs")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path installedLock = WORK.resolve("node_modules/.package-lock.json.installed");
        byte[] lock = Files.readAllBytes(WORK.resolve("package-lock.json"));
        if (Files.exists(installedLock) && java.util.Arrays.equals(Files.readAllBytes(installedLock), lock)) {
            return;
        }
        Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Duration.ofMinutes(5));
        assertThat(install.exit()).as("npm ci in %s said:%n%s", WORK, install.output()).isZero();
        Files.write(installedLock, lock);
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "xapi-node-output");
        reader.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(5000);
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                    + output.toString(StandardCharsets.UTF_8));
        }
        reader.join(5000);
        return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }
}
