package cn.grid.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders deploy/k8s with {@code kubectl kustomize}, once per test run. The tree is copied to a temporary folder
 * first and {@code overlays/local/make-dev-secrets} is run there, so the local overlay renders with fresh dev
 * keys (its secret files are git-ignored and never exist in a clean checkout) and the checkout stays untouched.
 */
final class Kustomize {

    static final String KUBECTL = System.getProperty("grid.kubectl", "kubectl");
    static final List<String> OVERLAYS = List.of("overlays/local", "overlays/prod");

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();
    private static Path workTree;

    private Kustomize() {
    }

    static boolean available(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean kubectlAvailable() {
        return available(KUBECTL, "kustomize", "--help");
    }

    /** The rendered objects of {@code dir} ("base", "overlays/local", "overlays/prod"). */
    static Manifests render(String dir) {
        return RENDERED.computeIfAbsent(dir, d -> new Manifests(d, Yamls.documents(run(workTree().resolve(d)))));
    }

    private static synchronized Path workTree() {
        if (workTree == null) {
            try {
                Path copy = Files.createTempDirectory("grid-deploy-k8s");
                copyTree(Repo.path("deploy/k8s"), copy);
                // never the developer's own dev secrets: fresh ones, made by the script users run
                deleteTree(copy.resolve("overlays/local/secrets"));
                exec(copy, List.of("bash", copy.resolve("overlays/local/make-dev-secrets").toString()));
                workTree = copy;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        deleteTree(copy);
                    } catch (IOException e) {
                        System.err.println("could not delete " + copy + ": " + e);
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return workTree;
    }

    private static String run(Path dir) {
        return exec(dir, List.of(KUBECTL, "kustomize", dir.toString()));
    }

    static String exec(Path workDir, List<String> command) {
        try {
            Path err = Files.createTempFile("grid-deploy", ".err");
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": no answer after 120 s");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n"
                        + stderr + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
