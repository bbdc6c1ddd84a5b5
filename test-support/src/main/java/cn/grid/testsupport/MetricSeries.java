package cn.grid.testsupport;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * The time series a Quarkus application exposes at {@code /q/metrics}, for cardinality tests: every label value is a
 * series held for the life of the process (some 70 for a histogram), so label values must come from a bounded set
 * (route templates, methods the application defines), never from what a client sent.
 */
public final class MetricSeries {

    private MetricSeries() {
    }

    /**
     * Runs {@code round} twice and answers the series (name and labels, without a histogram's {@code le} buckets) of
     * the metrics named by {@code prefixes} that the second run added. The first run makes every series the kinds of
     * request in the round map to; a round that draws fresh random values each time must add none the second time.
     */
    public static List<String> addedBySecondRound(Runnable round, String... prefixes) {
        round.run();
        Set<String> before = current(prefixes);
        round.run();
        Set<String> added = new TreeSet<>(current(prefixes));
        added.removeAll(before);
        return added.stream().map(s -> s.replaceAll(",?le=\"[^\"]*\"", "")).distinct().toList();
    }

    /** The series now exposed of the metrics whose names start with one of {@code prefixes}. */
    public static Set<String> current(String... prefixes) {
        Set<String> series = new TreeSet<>();
        given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> Arrays.stream(prefixes).anyMatch(line::startsWith))
                // the name and labels, not the value
                .map(line -> line.substring(0, line.lastIndexOf(' ')))
                .forEach(series::add);
        return series;
    }

    /** A value no client sent before: 32 hex digits. */
    public static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
