package cn.grid.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Producer side of the event contract: what a service publishes has exactly the fields (envelope and data) of
 * the example checked in with the contracts module (resources {@code events/}), which consumers' tests replay.
 */
public final class EventContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventContract() {
    }

    public static void assertMatchesExample(String published, String exampleName) {
        JsonNode actual = read(published);
        JsonNode example = read(TestGridEvents.example(exampleName));
        compare(fields(example), fields(actual), exampleName + " envelope");
        compare(fields(example.get("data")), fields(actual.get("data")), exampleName + " data");
        if (!example.get("type").equals(actual.get("type")) || !example.get("source").equals(actual.get("source"))) {
            throw new AssertionError(exampleName + ": published type/source " + actual.get("type") + " "
                    + actual.get("source") + " differ from the example's " + example.get("type") + " "
                    + example.get("source"));
        }
    }

    private static void compare(Set<String> expected, Set<String> actual, String what) {
        if (!expected.equals(actual)) {
            throw new AssertionError(what + " fields differ from the contracts example: it has " + expected
                    + ", the service published " + actual);
        }
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        if (node != null) {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
