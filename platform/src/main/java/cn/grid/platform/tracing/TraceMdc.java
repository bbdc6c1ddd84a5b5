package cn.grid.platform.tracing;

import org.jboss.logging.MDC;

/**
 * The trace in the logging MDC: {@code traceId} for log formats ({@code %X{traceId}}) and {@code traceparent} for
 * code that runs on the same thread or Vert.x context and has no request scope (the Kafka consumer loop, whose
 * handlers may write outbox events that should stay in the trace).
 */
public final class TraceMdc {

    public static final String TRACE_ID = "traceId";
    public static final String TRACEPARENT = "traceparent";

    private TraceMdc() {
    }

    /** Puts a valid traceparent and its trace id into the MDC; returns false (and puts nothing) for any other. */
    public static boolean put(String traceparent) {
        if (!TraceParent.valid(traceparent)) {
            return false;
        }
        MDC.put(TRACE_ID, traceparent.substring(3, 35));
        MDC.put(TRACEPARENT, traceparent);
        return true;
    }

    public static void clear() {
        MDC.remove(TRACE_ID);
        MDC.remove(TRACEPARENT);
    }

    /** The traceparent in the MDC, or null. */
    public static String traceparent() {
        Object value = MDC.get(TRACEPARENT);
        return value instanceof String s ? s : null;
    }
}
