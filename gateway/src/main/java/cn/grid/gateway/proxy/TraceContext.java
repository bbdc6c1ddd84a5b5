package cn.grid.gateway.proxy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.ext.web.RoutingContext;

/**
 * The request's trace. quarkus-opentelemetry makes a server span for every request (continuing a caller's valid
 * W3C {@code traceparent}, with its {@code tracestate}; a missing or invalid one starts a new trace) and a client
 * span for every call the gateway makes to a service, whose context goes upstream as that call's
 * {@code traceparent}/{@code tracestate} (the Vert.x HTTP client's tracing). So every request the services see,
 * and every event they publish from it, is in a trace whose id the gateway's access log names too.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** The trace id (32 hex digits) in the routing context, for the access log: {@code %{d,gateway.trace-id}}. */
    public static final String TRACE_ID = "gateway.trace-id";

    private TraceContext() {
    }

    /** Notes the server span's trace id for the access log (the log is written after the span's scope is gone). */
    public static void noteTraceId(RoutingContext ctx) {
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            ctx.put(TRACE_ID, span.getTraceId());
        }
    }
}
