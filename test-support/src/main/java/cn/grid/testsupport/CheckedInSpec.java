package cn.grid.testsupport;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAPI documents checked in under {@code docs/openapi/}: integrators (and the gateway, which packages them)
 * read those files, so a change to a service's API must show up there in the same commit. A drift test hands the
 * document the running code serves to {@link #check}; it fails when the file differs, and says how to refresh it.
 *
 * <p>Run with {@code -Dopenapi.refresh=true} (what {@code docs/openapi/refresh} does), {@link #check} writes the
 * file instead. Both sides are compared as JSON trees (whitespace and key order do not matter); the file is written
 * pretty-printed in the order the code served it, so a diff of the file reads like a diff of the API.
 */
public final class CheckedInSpec {

    /** The system property that makes {@link #check} write the file instead of comparing. */
    public static final String REFRESH = "openapi.refresh";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckedInSpec() {
    }

    /** {@code docs/openapi/<name>.json} of the repository, found from the module directory a test runs in. */
    public static Path file(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("docs").resolve("openapi");
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(name + ".json");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no docs/openapi above " + Path.of("").toAbsolutePath());
    }

    /** Compares {@code served} with the checked-in file (or writes it when {@value #REFRESH} is set). */
    public static void check(String served, String name) {
        Path file = file(name);
        JsonNode actual = read(served);
        if (Boolean.getBoolean(REFRESH)) {
            write(actual, file);
            return;
        }
        if (!Files.exists(file)) {
            throw new AssertionError(file + " is missing; run docs/openapi/refresh to create it");
        }
        JsonNode expected;
        try {
            expected = read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> differences = new ArrayList<>();
        diff("", expected, actual, differences);
        if (!differences.isEmpty()) {
            throw new AssertionError(file + " is not what the code serves (" + differences.size()
                    + " differences, first: " + differences.subList(0, Math.min(10, differences.size()))
                    + "). If the API change is meant, run docs/openapi/refresh and commit the file.");
        }
    }

    /** Pretty JSON with two-space indents and a final newline: the form every checked-in document has. */
    public static String pretty(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writer(printer)
                    .writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonNode node, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pretty(node), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON pointers where the two trees differ; key order is not a difference, array order is. */
    private static void diff(String at, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected == null || actual == null) {
            out.add((expected == null ? "added " : "removed ") + (at.isEmpty() ? "/" : at));
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            List<String> names = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(n -> {
                if (!expected.has(n)) {
                    names.add(n);
                }
            });
            for (String n : names) {
                diff(at + "/" + n.replace("~", "~0").replace("/", "~1"), expected.get(n), actual.get(n), out);
            }
            return;
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                diff(at + "/" + i, expected.get(i), actual.get(i), out);
            }
            return;
        }
        if (!expected.equals(actual)) {
            out.add("changed " + (at.isEmpty() ? "/" : at));
        }
    }

    private static JsonNode read(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!(node instanceof ObjectNode)) {
                throw new AssertionError("an OpenAPI document is a JSON object, not " + json.substring(0,
                        Math.min(80, json.length())));
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
