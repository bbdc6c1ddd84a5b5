package cn.grid.gateway.proxy;

import cn.grid.gateway.limits.BodyTooLargeException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * A write stream that reports each chunk it passes on. The proxy uses it to restart the upstream timeout
 * while a request body is still flowing, so a large upload is not cut off just for taking longer than the
 * timeout as a whole; a service that stops reading still is (backpressure stops the writes).
 *
 * <p>It also counts the bytes: the chunk that would take the body past {@code limit} is not passed on but fails
 * with {@link BodyTooLargeException}, which fails the pipe, so a body that declared no length (chunked) cannot
 * grow past its route's limit either.
 */
final class ProgressWriteStream implements WriteStream<Buffer> {

    private final WriteStream<Buffer> delegate;
    private final Runnable onProgress;
    private final long limit;
    private long written;

    ProgressWriteStream(WriteStream<Buffer> delegate, Runnable onProgress, long limit) {
        this.delegate = delegate;
        this.onProgress = onProgress;
        this.limit = limit;
    }

    /** Counts the chunk; false when it takes the body past the limit. */
    private boolean fits(Buffer data) {
        written += data.length();
        return written <= limit;
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        delegate.exceptionHandler(handler);
        return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (!fits(data)) {
            return Future.failedFuture(new BodyTooLargeException(limit));
        }
        onProgress.run();
        return delegate.write(data);
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
        if (!fits(data)) {
            if (handler != null) {
                handler.handle(Future.failedFuture(new BodyTooLargeException(limit)));
            }
            return;
        }
        onProgress.run();
        delegate.write(data, handler);
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
        delegate.end(handler);
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        delegate.setWriteQueueMaxSize(maxSize);
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return delegate.writeQueueFull();
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        delegate.drainHandler(handler);
        return this;
    }
}
