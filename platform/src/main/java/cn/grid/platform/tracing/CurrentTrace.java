package cn.grid.platform.tracing;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.RequestScoped;

/**
 * The trace of the HTTP request being served, as {@link TraceContextFilter} read it from {@code traceparent}:
 * request-scoped, so it follows the request from the event loop to the worker thread that runs the resource.
 */
@RequestScoped
public class CurrentTrace {

    private String traceparent;

    void set(String traceparent) {
        this.traceparent = traceparent;
    }

    /** The request's valid traceparent, or null when the caller sent none (or an invalid one). */
    public String traceparent() {
        return traceparent;
    }

    public String traceId() {
        return TraceParent.traceId(traceparent);
    }

    /**
     * The traceparent of whatever runs now: the HTTP request's if one is being served, else the one the
     * consumer loop put into the MDC for the event it handles, else null.
     */
    public static String ofCurrentWork(CurrentTrace requestTrace) {
        if (Arc.container() != null && Arc.container().requestContext().isActive()) {
            String traceparent = requestTrace.traceparent();
            if (traceparent != null) {
                return traceparent;
            }
        }
        return TraceMdc.traceparent();
    }
}
