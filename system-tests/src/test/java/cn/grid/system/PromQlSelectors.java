package cn.grid.system;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The series selectors a PromQL expression names: each metric name with the label names its matchers use. A small
 * scanner, not a full parser: it skips strings, range and subquery brackets, numbers and durations, function and
 * aggregation calls (an identifier before "("), the label lists of by/without/on/ignoring/group_left/group_right,
 * and the keywords; what remains as a bare identifier is a metric name. Grafana's variables ({@code $instance},
 * {@code [$__rate_interval]}) sit inside strings or brackets, so they are skipped with them.
 */
final class PromQlSelectors {

    /** A metric the expression reads, and the labels it matches on. */
    record Selector(String metric, Set<String> labels) {
    }

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Set<String> KEYWORDS = Set.of("bool", "and", "or", "unless", "offset", "atan2", "inf",
            "nan", "start", "end");
    /** Aggregation operators: {@code sum by (job) (...)} puts the grouping between the name and its "(". */
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    private PromQlSelectors() {
    }

    static List<Selector> of(String expr) {
        List<Selector> selectors = new ArrayList<>();
        String e = expr;
        int i = 0;
        String pendingMetric = null;
        while (i < e.length()) {
            char c = e.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(e, i);
            } else if (c == '[') {
                i = e.indexOf(']', i) + 1;
            } else if (c == '{') {
                int close = closing(e, i, '{', '}');
                Set<String> labels = matcherLabels(e.substring(i + 1, close));
                if (pendingMetric != null) {
                    selectors.add(new Selector(pendingMetric, labels));
                    pendingMetric = null;
                } else {
                    // {__name__=~"..."}: names by pattern, which no check could hold to a list
                    throw new IllegalArgumentException("a selector without a metric name in: " + expr);
                }
                i = close + 1;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < e.length() && Character.isDigit(e.charAt(i + 1)))) {
                // a number or a duration (5m, 1h30m, 1e3, 0x1f)
                while (i < e.length() && (Character.isLetterOrDigit(e.charAt(i)) || e.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < e.length() && (Character.isLetterOrDigit(e.charAt(i)) || e.charAt(i) == '_'
                        || e.charAt(i) == ':')) {
                    i++;
                }
                String word = e.substring(start, i);
                int next = skipSpace(e, i);
                if (pendingMetric != null) {
                    selectors.add(new Selector(pendingMetric, Set.of()));
                    pendingMetric = null;
                }
                String lower = word.toLowerCase();
                if (GROUPING.contains(lower)) {
                    // by (job, le): label names, not metrics
                    i = next < e.length() && e.charAt(next) == '(' ? closing(e, next, '(', ')') + 1 : next;
                } else if (lower.equals("offset")) {
                    // offset 1h: the duration is skipped as a number
                    i = next;
                } else if (KEYWORDS.contains(lower) || AGGREGATIONS.contains(lower)) {
                    i = next;
                } else if (next < e.length() && e.charAt(next) == '(') {
                    i = next; // a function or an aggregation: its argument follows
                } else {
                    pendingMetric = word;
                    i = next;
                }
            } else {
                i++;
            }
        }
        if (pendingMetric != null) {
            selectors.add(new Selector(pendingMetric, Set.of()));
        }
        return selectors;
    }

    private static Set<String> matcherLabels(String matchers) {
        Set<String> labels = new LinkedHashSet<>();
        int i = 0;
        while (i < matchers.length()) {
            char c = matchers.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(matchers, i);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < matchers.length() && (Character.isLetterOrDigit(matchers.charAt(i))
                        || matchers.charAt(i) == '_')) {
                    i++;
                }
                labels.add(matchers.substring(start, i));
            } else {
                i++;
            }
        }
        return labels;
    }

    private static int skipString(String e, int open) {
        char quote = e.charAt(open);
        int i = open + 1;
        while (i < e.length() && e.charAt(i) != quote) {
            i += e.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipSpace(String e, int i) {
        while (i < e.length() && Character.isWhitespace(e.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int closing(String e, int open, char opening, char closing) {
        int depth = 0;
        for (int i = open; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(e, i) - 1;
            } else if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced " + opening + " in: " + e);
    }
}
