package cn.grid.request.api;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The official GeoReport v2 JSON Schemas (open311/schema-validation), read in place from
 * {@code shared/open311/georeport-v2} beside the repository checkout — never copied into the repository.
 * Where that folder is absent, schema checks are skipped, not failed.
 *
 * <p>The schemas carry no {@code $schema}; they are draft-04. They refer to each other by relative name
 * ({@code "$ref": "request.json"}), so they are served to the validator under one made-up base IRI, from the
 * folder: nothing is fetched from the network, and the validator's refusal to read {@code file:} IRIs (on by
 * default in 3.x) does not get in the way.
 */
final class Open311Schemas {

    static final String RELATIVE = "../shared/open311/georeport-v2";
    private static final String BASE = "https://open311.invalid/georeport-v2/";
    private static final Optional<Path> FOLDER = find();
    private static SchemaRegistry registry;

    private Open311Schemas() {
    }

    /** Walks up from the working directory: the first ancestor with a sibling shared/ holding the schemas. */
    private static Optional<Path> find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE).normalize();
            if (Files.isRegularFile(candidate.resolve("request.json"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Optional<Path> folder() {
        return FOLDER;
    }

    /** Skips the calling test unless the schemas are beside the checkout. */
    static void assumePresent() {
        assumeTrue(FOLDER.isPresent(), "the official GeoReport v2 schemas (" + RELATIVE + " relative to an ancestor "
                + "of " + Path.of("").toAbsolutePath() + ") are not beside this checkout");
    }

    /** The violations of {@code json} against a schema of the folder, e.g. "requests.json". */
    static List<Error> violations(String schema, String json) {
        assumePresent();
        return schema(schema).validate(json, InputFormat.JSON);
    }

    static void assertValid(String schema, String json) {
        assertThat(violations(schema, json)).as("%s against %s", json, schema).isEmpty();
    }

    private static synchronized Schema schema(String name) {
        if (registry == null) {
            Path folder = FOLDER.orElseThrow();
            registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, builder -> builder.schemas(iri -> {
                if (!iri.startsWith(BASE)) {
                    return null;
                }
                Path file = folder.resolve(iri.substring(BASE.length())).normalize();
                if (!file.startsWith(folder)) {
                    return null;
                }
                try {
                    return Files.readString(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return registry.getSchema(SchemaLocation.of(BASE + name));
    }
}
