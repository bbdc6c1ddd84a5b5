package cn.grid.notification.api;

import cn.grid.notification.app.StreamOutlet;
import cn.grid.notification.domain.Notification;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stream's events as the items of the response's {@code Multi}: Quarkus REST writes each as it is requested
 * and the emitter buffers the rest. {@link #queued()} counts that buffer, so a stream whose client is slow stops
 * reading its inbox instead of filling memory, and reads on when the buffer has drained.
 */
final class SseOutlet implements StreamOutlet {

    static final String EVENT_NAME = "notification";

    private final Sse sse;
    private final ObjectMapper json;
    private final AtomicLong queued = new AtomicLong();
    private volatile MultiEmitter<? super OutboundSseEvent> emitter;
    private volatile Runnable drained;

    SseOutlet(Sse sse, ObjectMapper json) {
        this.sse = sse;
        this.json = json;
    }

    void attach(MultiEmitter<? super OutboundSseEvent> emitter) {
        this.emitter = emitter;
    }

    /** The first bytes of every stream: how long to wait before reconnecting (and the response head goes out). */
    void hint(long retryMillis) {
        emit(sse.newEventBuilder().reconnectDelay(retryMillis).comment("notifications of your inbox").build());
    }

    /** An event has left the buffer for the connection. */
    void delivered() {
        if (queued.decrementAndGet() == 0) {
            Runnable wake = drained;
            if (wake != null) {
                wake.run();
            }
        }
    }

    @Override
    public void send(Notification notification) {
        String data;
        try {
            data = json.writeValueAsString(NotificationBodies.View.of(notification));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        emit(sse.newEventBuilder().id(Long.toString(notification.seq())).name(EVENT_NAME)
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(data).build());
    }

    @Override
    public void comment(String text) {
        emit(sse.newEventBuilder().comment(text).build());
    }

    @Override
    public long queued() {
        return queued.get();
    }

    @Override
    public boolean gone() {
        return emitter.isCancelled();
    }

    @Override
    public void whenDrained(Runnable wake) {
        this.drained = wake;
    }

    @Override
    public void end() {
        emitter.complete();
    }

    private void emit(OutboundSseEvent event) {
        queued.incrementAndGet();
        emitter.emit(event);
    }
}
