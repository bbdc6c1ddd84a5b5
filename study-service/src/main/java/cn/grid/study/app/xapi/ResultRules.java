package cn.grid.study.app.xapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static cn.grid.study.app.xapi.Violations.at;

/**
 * The result (Data 2.4.5): a score whose parts are numbers ({@code scaled} in [-1, 1], {@code raw} between
 * {@code min} and {@code max}), booleans {@code success} and {@code completion}, a string {@code response}, an ISO 8601
 * {@code duration}, extensions.
 */
final class ResultRules {

    /** ISO 8601 durations: PnYnMnDTnHnMnS, or PnW alone (weeks combine with no other unit). */
    static final Pattern DURATION = Pattern.compile(
            "P(?=\\d|T\\d)(\\d+(\\.\\d+)?Y)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?D)?"
                    + "(T(?=\\d)(\\d+(\\.\\d+)?H)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?S)?)?|P\\d+(\\.\\d+)?W");
    private static final Set<String> RESULT = Set.of("score", "success", "completion", "response", "duration",
            "extensions");
    private static final Set<String> SCORE = Set.of("scaled", "raw", "min", "max");

    private final Violations v;

    ResultRules(Violations v) {
        this.v = v;
    }

    void result(JsonNode r, String path) {
        if (!v.object(r, path, RESULT)) {
            return;
        }
        if (r.has("score") && v.object(r.get("score"), at(path, "score"), SCORE)) {
            score(r.get("score"), at(path, "score"));
        }
        for (String b : List.of("success", "completion")) {
            if (r.has(b) && !r.get(b).isBoolean()) {
                v.error(at(path, b), "must be true or false");
            }
        }
        if (r.has("response") && !r.get("response").isTextual()) {
            v.error(at(path, "response"), "must be a string");
        }
        if (r.has("duration") && !(r.get("duration").isTextual() && DURATION.matcher(r.get("duration").asText()).matches())) {
            v.error(at(path, "duration"), "must be an ISO 8601 duration (PT1H30M)");
        }
        if (r.has("extensions")) {
            v.extensions(r.get("extensions"), at(path, "extensions"));
        }
    }

    private void score(JsonNode score, String path) {
        for (String n : SCORE) {
            if (score.has(n) && !score.get(n).isNumber()) {
                v.error(at(path, n), "must be a number");
            }
        }
        if (score.path("scaled").isNumber()
                && (score.get("scaled").asDouble() < -1 || score.get("scaled").asDouble() > 1)) {
            v.error(at(path, "scaled"), "must be between -1 and 1");
        }
        double min = score.path("min").asDouble(Double.NEGATIVE_INFINITY);
        double max = score.path("max").asDouble(Double.POSITIVE_INFINITY);
        if (min > max) {
            v.error(path, "min is greater than max");
        }
        if (score.path("raw").isNumber() && (score.get("raw").asDouble() < min || score.get("raw").asDouble() > max)) {
            v.error(at(path, "raw"), "must lie between min and max");
        }
    }
}
