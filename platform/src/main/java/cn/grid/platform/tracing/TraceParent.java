package cn.grid.platform.tracing;

import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C Trace Context {@code traceparent} values ({@code 00-<trace id>-<parent id>-<flags>}): checked, read, and
 * continued. Framework-free, so the relay and the consumer loop (plain threads) use it as well as the filter.
 */
public final class TraceParent {

    public static final String HEADER = "traceparent";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TraceParent() {
    }

    /**
     * Lowercase hex fields; version {@code ff} and all-zero ids are invalid; version 00 is exactly 55 characters,
     * a later version may append fields after a dash (read as version 00).
     */
    public static boolean valid(String value) {
        if (value == null || value.length() < 55
                || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return false;
        }
        if (!hex(value, 0, 2) || value.startsWith("ff")) {
            return false;
        }
        if (value.startsWith("00") ? value.length() != 55 : value.length() > 55 && value.charAt(55) != '-') {
            return false;
        }
        return hex(value, 3, 35) && !zeros(value, 3, 35) && hex(value, 36, 52) && !zeros(value, 36, 52)
                && hex(value, 53, 55);
    }

    /** The 32-hex-digit trace id of a valid traceparent, else null. */
    public static String traceId(String traceparent) {
        return valid(traceparent) ? traceparent.substring(3, 35) : null;
    }

    /**
     * The traceparent for a hop made on behalf of this one (a Kafka record published for the request): the same
     * trace id and flags, a new parent id. Null for an invalid input.
     */
    public static String child(String traceparent) {
        if (!valid(traceparent)) {
            return null;
        }
        StringBuilder out = new StringBuilder(55).append("00-").append(traceparent, 3, 35).append('-');
        appendHex(out, nonZero());
        return out.append('-').append(traceparent, 53, 55).toString();
    }

    /** A new trace: random trace and parent ids, sampled (whoever starts the trace asks that it be kept). */
    public static String newRoot() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        StringBuilder out = new StringBuilder(55).append("00-");
        appendHex(out, high);
        appendHex(out, low);
        out.append('-');
        appendHex(out, nonZero());
        return out.append("-01").toString();
    }

    private static long nonZero() {
        long value;
        do {
            value = ThreadLocalRandom.current().nextLong();
        } while (value == 0);
        return value;
    }

    private static void appendHex(StringBuilder out, long value) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            out.append(HEX[(int) (value >>> shift) & 0xf]);
        }
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
