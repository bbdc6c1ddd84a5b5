package cn.grid.testsupport;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ended spans kept in memory, as they end: for a plain test, a real OpenTelemetry SDK that records into it
 * ({@link #openTelemetry()}); for a {@code @QuarkusTest}, a span processor to produce as a CDI bean, which
 * quarkus-opentelemetry adds to the service's own SDK ({@link #processor()}).
 */
public final class RecordedSpans implements SpanExporter {

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();
    private final SpanProcessor processor = SimpleSpanProcessor.create(this);
    private OpenTelemetrySdk sdk;

    public synchronized OpenTelemetry openTelemetry() {
        if (sdk == null) {
            sdk = OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(processor).build())
                    .build();
        }
        return sdk;
    }

    public SpanProcessor processor() {
        return processor;
    }

    /** The spans of one trace, in the order they ended. */
    public List<SpanData> ofTrace(String traceId) {
        return ended.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    public List<SpanData> ended() {
        return List.copyOf(ended);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        ended.addAll(spans);
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
