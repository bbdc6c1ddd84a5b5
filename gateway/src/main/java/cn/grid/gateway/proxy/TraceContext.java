package cn.grid.gateway.proxy;

import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C Trace Context for every request: a caller's valid {@code traceparent} passes unchanged (with its
 * {@code tracestate}); a missing or invalid one is replaced by a new one with a fresh trace id, and the
 * caller's {@code tracestate} is then dropped, as the spec asks. So every request the services see, and every
 * event they publish from it, carries a trace id that the gateway's access log names too.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** The trace id (32 hex digits) in the routing context, for the access log: {@code %{d,gateway.trace-id}}. */
    public static final String TRACE_ID = "gateway.trace-id";

    private static final String KEY = "gateway.traceparent";
    private static final String REPLACED = "gateway.traceparent-replaced";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TraceContext() {
    }

    /** Keeps or makes the request's traceparent. */
    public static void assign(RoutingContext ctx) {
        List<String> given = ctx.request().headers().getAll(TRACEPARENT);
        String traceparent;
        if (given.size() == 1 && valid(given.get(0))) {
            traceparent = given.get(0);
        } else {
            traceparent = generate();
            ctx.put(REPLACED, Boolean.TRUE);
        }
        ctx.put(KEY, traceparent);
        ctx.put(TRACE_ID, traceparent.substring(3, 35));
    }

    /** The request's traceparent (a new one if {@link #assign} did not run). */
    public static String of(RoutingContext ctx) {
        String traceparent = ctx.get(KEY);
        return traceparent == null ? generate() : traceparent;
    }

    /** Whether the caller's traceparent was replaced, so its tracestate no longer belongs to the trace. */
    public static boolean replaced(RoutingContext ctx) {
        return ctx.get(REPLACED) != null;
    }

    /**
     * {@code version-traceid-parentid-flags}, lowercase hex; version {@code ff} is invalid; all-zero ids are
     * invalid; version 00 is exactly 55 characters, a later version may append fields after a dash.
     */
    public static boolean valid(String value) {
        if (value == null || value.length() < 55) {
            return false;
        }
        if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return false;
        }
        String version = value.substring(0, 2);
        if (!hex(value, 0, 2) || version.equals("ff")) {
            return false;
        }
        if (version.equals("00") ? value.length() != 55 : value.length() > 55 && value.charAt(55) != '-') {
            return false;
        }
        return hex(value, 3, 35) && !zeros(value, 3, 35) && hex(value, 36, 52) && !zeros(value, 36, 52)
                && hex(value, 53, 55);
    }

    /** A new traceparent: random trace and parent ids, sampled (the gateway asks that the trace be kept). */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder out = new StringBuilder(55).append("00-");
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        appendHex(out, high);
        appendHex(out, low);
        out.append('-');
        long parent;
        do {
            parent = random.nextLong();
        } while (parent == 0);
        appendHex(out, parent);
        return out.append("-01").toString();
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
