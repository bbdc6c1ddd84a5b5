package cn.grid.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the repository is, and the five services that get deployed. */
final class Repo {

    /** The five deployables, in the order the suite starts them. */
    static final List<String> SERVICES = List.of("grid-service", "study-service", "request-service",
            "notification-service", "gateway");

    /** The services with a database and Kafka. */
    static final List<String> BACKENDS = List.of("grid-service", "study-service", "request-service",
            "notification-service");

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("grid.repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("deploy/k8s"))) {
            throw new IllegalStateException("no deploy/k8s under " + root + " (set -Dgrid.repo.root)");
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
