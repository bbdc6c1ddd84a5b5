package cn.grid.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace of an event on its way through the outbox and Kafka, with the OpenTelemetry API (quarkus-opentelemetry
 * traces the HTTP side). Three hops:
 * <ol>
 * <li>{@link #current()}: {@code OutboxWriter} stores the W3C context of the work that writes the event (the HTTP
 * request's server span, or the span of the event a consumer handles) with the outbox row;</li>
 * <li>{@link #startPublish}: the relay, later and on its own thread, publishes the row in a producer span that is a
 * child of that stored context, and {@link #inject}s the span's context into the record's {@code traceparent} /
 * {@code tracestate} headers (the CloudEvents Kafka binding's distributed tracing extension);</li>
 * <li>{@link #startProcess}: the consumer loop handles the record in a consumer span that is a child of the
 * header's context, so the handler's database work and the events it writes stay in the same trace.</li>
 * </ol>
 * Framework-free (the relay and the consumer loop are plain classes): it is given the {@link OpenTelemetry} to use,
 * the service's SDK, or {@link OpenTelemetry#noop()} where nothing is recorded (the context is still carried on).
 */
public final class EventTracing {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** The logging MDC keys quarkus-opentelemetry fills on Vert.x contexts; the consumer loop fills them itself. */
    static final String MDC_TRACE_ID = "traceId";
    static final String MDC_SPAN_ID = "spanId";
    static final String MDC_SAMPLED = "sampled";

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> MESSAGE_KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    private static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    private static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");

    private final Tracer tracer;

    public EventTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("cn.grid.platform.events");
    }

    /** Records nothing, carries the context on unchanged. */
    public static EventTracing untraced() {
        return new EventTracing(OpenTelemetry.noop());
    }

    /** A W3C trace context as stored with an outbox row; both fields null outside any trace. */
    public record StoredContext(String traceparent, String tracestate) {

        public static final StoredContext NONE = new StoredContext(null, null);
    }

    /** The W3C context of whatever runs now (an HTTP request's span, a consumed event's span), else {@link StoredContext#NONE}. */
    public static StoredContext current() {
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        String traceparent = carrier.get(TRACEPARENT);
        if (traceparent == null) {
            return StoredContext.NONE;
        }
        String tracestate = carrier.get(TRACESTATE);
        return new StoredContext(traceparent, tracestate == null || tracestate.isEmpty() ? null : tracestate);
    }

    /**
     * A producer span for publishing an outbox row, child of the context stored with it; null when the row has none
     * (an event written outside any trace goes out without trace headers, as it was written).
     */
    public Span startPublish(StoredContext stored, String topic, String key, String eventId, String eventType) {
        if (stored.traceparent() == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        carrier.put(TRACEPARENT, stored.traceparent());
        if (stored.tracestate() != null) {
            carrier.put(TRACESTATE, stored.tracestate());
        }
        Context parent = W3C.extract(Context.root(), carrier, MAP_GETTER);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return null;
        }
        return tracer.spanBuilder("send " + topic)
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION, "send")
                .setAttribute(MESSAGE_ID, eventId)
                .setAttribute(MESSAGE_KEY, key)
                .setAttribute(EVENT_TYPE, eventType)
                .startSpan();
    }

    /** Writes the span's context into the record's {@code traceparent} (and {@code tracestate}) headers. */
    public static void inject(Span span, Headers headers) {
        W3C.inject(Context.root().with(span), headers, (carrier, name, value) -> {
            carrier.remove(name);
            carrier.add(name, value.getBytes(StandardCharsets.US_ASCII));
        });
    }

    /**
     * A consumer span for handling a record: a child of the producer's context in its headers, or the root of a new
     * trace when the record carries none (or an invalid one).
     */
    public Span startProcess(String consumerGroup, ConsumerRecord<String, String> record) {
        Context parent = W3C.extract(Context.root(), record.headers(), HEADERS_GETTER);
        var builder = tracer.spanBuilder("process " + record.topic())
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(OPERATION, "process")
                .setAttribute(CONSUMER_GROUP, consumerGroup)
                .setAttribute(PARTITION, Integer.toString(record.partition()))
                .setAttribute(OFFSET, record.offset());
        if (record.key() != null) {
            builder.setAttribute(MESSAGE_KEY, record.key());
        }
        Header id = record.headers().lastHeader("ce_id");
        if (id != null) {
            builder.setAttribute(MESSAGE_ID, new String(id.value(), StandardCharsets.UTF_8));
        }
        if (Span.fromContext(parent).getSpanContext().isValid()) {
            builder.setParent(parent);
        } else {
            builder.setNoParent();
        }
        return builder.startSpan();
    }

    /**
     * Puts the span's ids into the logging MDC under the keys quarkus-opentelemetry uses ({@code %X{traceId}},
     * {@code %X{spanId}}): it fills them only on Vert.x contexts, and the consumer loop runs on a thread of its
     * own. Close the returned scope to take them out again.
     */
    public static LogIds logIds(Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return () -> { };
        }
        MDC.put(MDC_TRACE_ID, context.getTraceId());
        MDC.put(MDC_SPAN_ID, context.getSpanId());
        MDC.put(MDC_SAMPLED, Boolean.toString(context.isSampled()));
        return () -> {
            MDC.remove(MDC_TRACE_ID);
            MDC.remove(MDC_SPAN_ID);
            MDC.remove(MDC_SAMPLED);
        };
    }

    /** The trace ids in the MDC, while a consumer span is current. */
    @FunctionalInterface
    public interface LogIds extends AutoCloseable {
        @Override
        void close();
    }

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private static final TextMapGetter<Headers> HEADERS_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            if (carrier == null) {
                return null;
            }
            Header header = carrier.lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
        }
    };
}
