package cn.grid.gateway.proxy;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * A write stream that reports each chunk it passes on. The proxy uses it to restart the upstream timeout
 * while a request body is still flowing, so a large upload is not cut off just for taking longer than the
 * timeout as a whole; a service that stops reading still is (backpressure stops the writes).
 */
final class ProgressWriteStream implements WriteStream<Buffer> {

    private final WriteStream<Buffer> delegate;
    private final Runnable onProgress;

    ProgressWriteStream(WriteStream<Buffer> delegate, Runnable onProgress) {
        this.delegate = delegate;
        this.onProgress = onProgress;
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        delegate.exceptionHandler(handler);
        return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
        onProgress.run();
        return delegate.write(data);
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
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
