package cn.grid.gateway.proxy;

import cn.grid.gateway.problem.ProblemResponses;
import cn.grid.platform.problem.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.Pipe;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Streams a request to the service that owns it and the answer back, chunk by chunk with backpressure: no
 * body is ever held in full, so a 5 MB upload costs the gateway a few buffers, not 5 MB.
 *
 * <p>Method, path, query, status and end-to-end headers pass unchanged. A service that cannot be reached is
 * a 502, one that does not answer in time a 504, both as problem+json naming the service. Once the answer's
 * head has gone out, a failure can only cut the connection: the caller then sees a truncated response
 * rather than a silently shortened one.
 */
@ApplicationScoped
public class ReverseProxy {

    private static final Logger LOG = Logger.getLogger(ReverseProxy.class);

    private final HttpClient client;
    private final ProblemResponses problems;

    public ReverseProxy(HttpClient client, ProblemResponses problems) {
        this.client = client;
        this.problems = problems;
    }

    public void forward(RoutingContext ctx, Route route) {
        HttpServerRequest in = ctx.request();
        // pause the body right away: it waits here, unread, until the service's connection is open
        Pipe<Buffer> body = in.pipe().endOnFailure(false);
        String requestId = RequestIds.of(ctx);
        long timeout = route.timeout().toMillis();
        String query = in.query();
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(route.host())
                .setPort(route.port())
                .setSsl(route.ssl())
                // the path the router matched (dot segments resolved), so the service sees what was routed
                .setURI(route.basePath() + ctx.normalizedPath() + (query == null ? "" : "?" + query))
                .setHeaders(ForwardedHeaders.toUpstream(in, requestId))
                .setConnectTimeout(timeout);

        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                body.close();
                upstreamFailed(ctx, route, opened.cause());
                return;
            }
            exchange(ctx, route, opened.result(), body, timeout);
        });
    }

    private void exchange(RoutingContext ctx, Route route, HttpClientRequest out, Pipe<Buffer> body, long timeout) {
        HttpServerRequest in = ctx.request();
        if (ctx.response().closed()) {
            // the caller gave up while we were connecting
            body.close();
            out.reset();
            return;
        }
        Exchange exchange = new Exchange(out, timeout);
        ctx.addEndHandler(done -> {
            if (done.failed()) {
                // the caller's connection went away mid-exchange: stop the service's work on it too
                out.reset();
            }
        });
        // a body of unknown length (chunked, or HTTP/2 frames without content-length) goes on chunked
        if (!out.headers().contains(HttpHeaders.CONTENT_LENGTH)
                && (in.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || in.version() == HttpVersion.HTTP_2 && !in.isEnded())) {
            out.setChunked(true);
        }
        out.response().onComplete(answered -> {
            exchange.answered = true;
            if (answered.succeeded()) {
                relay(ctx, route, answered.result());
            } else {
                body.close();
                upstreamFailed(ctx, route, answered.cause());
            }
        });
        if (in.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            ctx.response().writeContinue();
        }
        exchange.arm();
        body.to(new ProgressWriteStream(out, exchange::progress)).onComplete(sent -> {
            if (sent.succeeded()) {
                // the whole request is out: from here the service has the full timeout to answer
                exchange.arm();
            } else {
                body.close();
                out.reset(0, sent.cause());
            }
        });
    }

    private void relay(RoutingContext ctx, Route route, HttpClientResponse answer) {
        HttpServerResponse response = ctx.response();
        if (response.closed() || response.ended()) {
            answer.request().reset();
            return;
        }
        response.setStatusCode(answer.statusCode());
        if (answer.statusMessage() != null) {
            response.setStatusMessage(answer.statusMessage());
        }
        ForwardedHeaders.copyFromUpstream(answer.headers(), response.headers());
        response.headers().set(ForwardedHeaders.REQUEST_ID, RequestIds.of(ctx));
        if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)
                && mayHaveBody(ctx.request().method(), answer.statusCode())) {
            response.setChunked(true);
        }
        answer.pipe().endOnFailure(false).to(response).onFailure(e -> {
            LOG.warnf("request %s: response from %s broke off: %s", RequestIds.of(ctx), route.service(),
                    describe(e));
            response.reset();
            answer.request().reset();
        });
    }

    private void upstreamFailed(RoutingContext ctx, Route route, Throwable cause) {
        if (isTimeout(cause)) {
            LOG.warnf("request %s: %s did not answer within %s", RequestIds.of(ctx), route.service(),
                    human(route.timeout()));
            problems.send(ctx, ProblemType.GATEWAY_TIMEOUT,
                    route.service() + " did not answer within " + human(route.timeout()));
        } else {
            LOG.warnf("request %s: %s is unavailable: %s", RequestIds.of(ctx), route.service(), describe(cause));
            problems.send(ctx, ProblemType.BAD_GATEWAY, route.service() + " is unavailable");
        }
    }

    private static boolean mayHaveBody(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }

    static boolean isTimeout(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof TimeoutException || e instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        if (error instanceof ConnectException) {
            return "connection refused";
        }
        if (error instanceof UnknownHostException) {
            return "unknown host " + error.getMessage();
        }
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    private static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** The upstream timeout of one exchange, restarted while the request body makes progress. */
    private static final class Exchange {

        private final HttpClientRequest out;
        private final long timeout;
        private long armedAt;
        /** Once the head of the answer is in, Vert.x has cancelled the timeout and it must stay off. */
        volatile boolean answered;

        Exchange(HttpClientRequest out, long timeout) {
            this.out = out;
            this.timeout = timeout;
        }

        void arm() {
            if (!answered) {
                armedAt = System.nanoTime();
                out.idleTimeout(timeout);
            }
        }

        /** Restarts the timeout at most four times per timeout period: a timer per chunk would be waste. */
        void progress() {
            if (System.nanoTime() - armedAt > timeout * 250_000L) {
                arm();
            }
        }
    }
}
