package cn.grid.gateway.openapi;

import cn.grid.testsupport.CheckedInSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI (docs/openapi, made from the @Operation annotations) is the one description of each operation: no
 * README re-describes the operations in a {@code | method | path | ...} table, and every operation docs/api-guide.md
 * links by operationId exists in the suite's spec, so a renamed or removed operation breaks the build, not the
 * reader.
 */
class OneDescriptionPerOperationTest {

    /** A README's endpoint table starts with this header row. */
    private static final Pattern ENDPOINT_TABLE = Pattern.compile("(?im)^\\|\\s*method\\s*\\|\\s*path\\s*\\|");

    /** How the API guide links an operation: [`operationId`](openapi/gateway.json). */
    private static final Pattern OPERATION_LINK = Pattern.compile("\\[`([A-Za-z0-9]+)`]\\(openapi/gateway\\.json\\)");

    private static Path root() {
        return CheckedInSpec.file("gateway").getParent().getParent().getParent();
    }

    @Test
    void noReadmeDescribesOperationsInATable() throws IOException {
        Path root = root();
        List<String> withTables = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("README.md"))
                    .filter(f -> !root.relativize(f).toString().startsWith("node_modules")).toList()) {
                if (ENDPOINT_TABLE.matcher(Files.readString(file)).find()) {
                    withTables.add(root.relativize(file).toString().replace('\\', '/'));
                }
            }
        }
        assertThat(withTables).as("READMEs with a | method | path | table: link the OpenAPI instead, and move what "
                + "the table knew into the @Operation descriptions").isEmpty();
    }

    @Test
    void everyOperationTheApiGuideLinksIsInTheSuiteSpec() throws IOException {
        Path root = root();
        JsonNode spec = new ObjectMapper().readTree(CheckedInSpec.file("gateway").toFile());
        Set<String> operationIds = new TreeSet<>();
        spec.path("paths").forEach(item -> item.forEach(operation -> {
            if (operation.has("operationId")) {
                operationIds.add(operation.get("operationId").asText());
            }
        }));
        Set<String> linked = new TreeSet<>();
        Matcher links = OPERATION_LINK.matcher(Files.readString(root.resolve("docs/api-guide.md")));
        while (links.find()) {
            linked.add(links.group(1));
        }

        assertThat(linked).as("operations docs/api-guide.md links").isNotEmpty();
        assertThat(operationIds).as("operationIds of docs/openapi/gateway.json").containsAll(linked);
    }
}
