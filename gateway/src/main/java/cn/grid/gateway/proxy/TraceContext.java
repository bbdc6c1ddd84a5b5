package cn.grid.gateway.proxy;

import cn.grid.platform.tracing.TraceParent;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

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

    /** The W3C rules, kept once in the platform kit (the services check what the gateway sends the same way). */
    public static boolean valid(String value) {
        return TraceParent.valid(value);
    }

    /** A new traceparent: random trace and parent ids, sampled (the gateway asks that the trace be kept). */
    public static String generate() {
        return TraceParent.newRoot();
    }
}
