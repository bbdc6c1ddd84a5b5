package cn.grid.platform.tracing;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads the W3C {@code traceparent} of every request (the gateway makes one for each request it forwards) into
 * the {@link CurrentTrace} holder and the logging MDC, so the service's log lines carry the trace id and the
 * events it writes to the outbox carry the trace on to Kafka. Runs before authentication, so a refused request's
 * log lines have the trace id too.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class TraceContextFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private final CurrentTrace trace;

    public TraceContextFilter(CurrentTrace trace) {
        this.trace = trace;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String traceparent = request.getHeaderString(TraceParent.HEADER);
        if (TraceMdc.put(traceparent)) {
            trace.set(traceparent);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        // the MDC lives on the request's Vert.x context; clear it so nothing of it outlives the request
        TraceMdc.clear();
    }
}
