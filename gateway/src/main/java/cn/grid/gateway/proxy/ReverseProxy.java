package cn.grid.gateway.proxy;

import cn.grid.gateway.balancing.Ejections;
import cn.grid.gateway.balancing.RetryPolicy;
import cn.grid.gateway.balancing.UpstreamInstance;
import cn.grid.gateway.balancing.UpstreamSelector;
import cn.grid.gateway.limits.BodyLimits;
import cn.grid.gateway.limits.BodyTooLargeException;
import cn.grid.gateway.metrics.UpstreamMetrics;
import cn.grid.gateway.problem.ProblemResponses;
import cn.grid.platform.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Streams a request to the service that owns it and the answer back, chunk by chunk with backpressure: no
 * body is ever held in full, so a 5 MB upload costs the gateway a few buffers, not 5 MB.
 *
 * <p>Method, path, query, status and end-to-end headers pass unchanged. A service that cannot be reached is
 * a 502, one that does not answer in time a 504, both as problem+json naming the service. Once the answer's
 * head has gone out, a failure can only cut the connection: the caller then sees a truncated response
 * rather than a silently shortened one.
 *
 * <p>Each request goes to one instance of the service, chosen by {@link UpstreamSelector} (Stork, minus the
 * instances {@link Ejections} holds out). A transport failure before the answer's head counts against that
 * instance. A request {@link RetryPolicy} calls retryable (idempotent, small body) is read whole first and, on
 * such a failure, sent again to an instance it has not tried; every other request streams once.
 */
@ApplicationScoped
public class ReverseProxy {

    private static final Logger LOG = Logger.getLogger(ReverseProxy.class);

    private final UpstreamClient client;
    private final ProblemResponses problems;
    private final UpstreamSelector selector;
    private final Ejections ejections;
    private final RetryPolicy retryPolicy;
    private final MeterRegistry metrics;
    private final BodyLimits bodyLimits;
    private final UpstreamMetrics upstreamMetrics;

    public ReverseProxy(UpstreamClient client, ProblemResponses problems, UpstreamSelector selector,
            Ejections ejections, RetryPolicy retryPolicy, MeterRegistry metrics, BodyLimits bodyLimits,
            UpstreamMetrics upstreamMetrics) {
        this.bodyLimits = bodyLimits;
        this.upstreamMetrics = upstreamMetrics;
        this.client = client;
        this.problems = problems;
        this.selector = selector;
        this.ejections = ejections;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
    }

    public void forward(RoutingContext ctx, Route route) {
        if (retryPolicy.mayRetry(ctx.request())) {
            forwardReplayable(ctx, route);
        } else {
            forwardOnce(ctx, route);
        }
    }

    /** The request streams to one instance; whatever happens, it is not sent again. */
    private void forwardOnce(RoutingContext ctx, Route route) {
        // pause the body right away: it waits here, unread, until the service's connection is open
        Pipe<Buffer> body = ctx.request().pipe().endOnFailure(false);
        long timeout = route.timeout().toMillis();
        selector.select(route.service(), route.url(), Set.of()).onComplete(selected -> {
            if (selected.failed()) {
                body.close();
                noInstance(ctx, route, selected.cause());
                return;
            }
            UpstreamInstance instance = selected.result();
            long start = upstreamMetrics.start();
            client.forRequest(ctx.request()).request(options(ctx, route, instance)).onComplete(opened -> {
                if (opened.failed()) {
                    body.close();
                    upstreamMetrics.failed(route.service(), opened.cause(), start);
                    instanceFailed(ctx, instance, opened.cause());
                    upstreamFailed(ctx, route, opened.cause());
                    return;
                }
                exchange(ctx, route, instance, opened.result(), body, timeout, start);
            });
        });
    }

    /**
     * The body (none, or at most {@code gateway.balancing.retry-body-limit}) is read first, so that it can be
     * sent again: to another instance, when one fails before its answer has begun.
     */
    private void forwardReplayable(RoutingContext ctx, Route route) {
        HttpServerRequest in = ctx.request();
        if (!hasBody(in)) {
            // nothing to read, but let the request's end through so the connection can serve the next one
            in.resume();
            attempt(ctx, route, Buffer.buffer(), new HashSet<>(), 0, null);
            return;
        }
        if (in.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            // the body is needed before any instance is chosen
            ctx.response().writeContinue();
        }
        in.body().onComplete(read -> {
            if (read.succeeded()) {
                attempt(ctx, route, read.result(), new HashSet<>(), 0, null);
            }
            // else the caller went away while sending: nobody is left to answer
        });
        // the router hands the request over paused; body() collects but does not ask for the data
        in.resume();
    }

    /**
     * One send of a held request to an instance not in {@code tried}; on a transport failure, the next one, until
     * {@code gateway.balancing.retries} or the instances run out.
     *
     * @param previous the failure of the attempt before (null for the first attempt)
     */
    private void attempt(RoutingContext ctx, Route route, Buffer body, Set<String> tried, int retry,
            Throwable previous) {
        selector.select(route.service(), route.url(), tried).onComplete(selected -> {
            if (selected.failed()) {
                if (previous == null) {
                    noInstance(ctx, route, selected.cause());
                } else {
                    // no other instance to try: the caller gets the failure as it was
                    upstreamFailed(ctx, route, previous);
                }
                return;
            }
            UpstreamInstance instance = selected.result();
            tried.add(instance.address());
            if (previous != null) {
                metrics.counter(UpstreamMetrics.RETRIES, "service", route.service()).increment();
                LOG.infof("request %s: %s %s retried on %s after %s", RequestIds.of(ctx), ctx.request().method(),
                        ctx.request().path(), instance.address(), UpstreamFailures.describe(previous));
            }
            long start = upstreamMetrics.start();
            send(ctx, route, instance, body).onComplete(answered -> {
                if (answered.succeeded()) {
                    upstreamMetrics.answered(route.service(), answered.result().statusCode(), start);
                    answered(ctx, instance);
                    relay(ctx, route, answered.result());
                    return;
                }
                Throwable cause = answered.cause();
                upstreamMetrics.failed(route.service(), cause, start);
                if (callerGone(ctx)) {
                    instance.recordEnd(cause);
                    return;
                }
                instanceFailed(ctx, instance, cause);
                if (retry < retryPolicy.retries() && retryPolicy.mayRetryAfter(cause)) {
                    attempt(ctx, route, body, tried, retry + 1, cause);
                } else {
                    upstreamFailed(ctx, route, cause);
                }
            });
        });
    }

    /** Connects, sends the held body and waits for the head of the answer, all within the route's timeout. */
    private Future<HttpClientResponse> send(RoutingContext ctx, Route route, UpstreamInstance instance, Buffer body) {
        return client.forRequest(ctx.request()).request(options(ctx, route, instance)).compose(out -> {
            if (ctx.response().closed()) {
                // the caller gave up while we were connecting
                out.reset();
                return Future.failedFuture("the caller went away");
            }
            ctx.addEndHandler(done -> {
                if (done.failed()) {
                    out.reset();
                }
            });
            out.idleTimeout(route.timeout().toMillis());
            if (body.length() > 0) {
                out.end(body);
            } else {
                out.end();
            }
            return out.response();
        });
    }

    private static RequestOptions options(RoutingContext ctx, Route route, UpstreamInstance instance) {
        HttpServerRequest in = ctx.request();
        String query = in.query();
        return new RequestOptions()
                .setMethod(in.method())
                .setHost(instance.host())
                .setPort(instance.port())
                .setSsl(instance.ssl())
                // the path the router matched (dot segments resolved), so the service sees what was routed
                .setURI(instance.basePath() + ctx.normalizedPath() + (query == null ? "" : "?" + query))
                .setHeaders(ForwardedHeaders.toUpstream(in, RequestIds.of(ctx)))
                .setConnectTimeout(route.timeout().toMillis());
    }

    private void exchange(RoutingContext ctx, Route route, UpstreamInstance instance, HttpClientRequest out,
            Pipe<Buffer> body, long timeout, long start) {
        HttpServerRequest in = ctx.request();
        if (ctx.response().closed()) {
            // the caller gave up while we were connecting
            body.close();
            out.reset();
            instance.recordEnd(null);
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
                upstreamMetrics.answered(route.service(), answered.result().statusCode(), start);
                answered(ctx, instance);
                relay(ctx, route, answered.result());
            } else {
                body.close();
                if (exchange.bodyTooLarge != null) {
                    // the gateway cut the request off and has answered 413: the instance did nothing wrong
                    upstreamMetrics.failed(route.service(), exchange.bodyTooLarge, start);
                    instance.recordEnd(null);
                    return;
                }
                upstreamMetrics.failed(route.service(), answered.cause(), start);
                if (callerGone(ctx)) {
                    instance.recordEnd(answered.cause());
                    return;
                }
                instanceFailed(ctx, instance, answered.cause());
                upstreamFailed(ctx, route, answered.cause());
            }
        });
        if (in.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            ctx.response().writeContinue();
        }
        exchange.arm();
        String routeKey = ctx.get(Routes.ROUTE_KEY);
        long bodyLimit = bodyLimits.limitOf(routeKey);
        body.to(new ProgressWriteStream(out, exchange::progress, bodyLimit)).onComplete(sent -> {
            if (sent.succeeded()) {
                // the whole request is out: from here the service has the full timeout to answer
                exchange.arm();
            } else if (BodyTooLargeException.in(sent.cause())) {
                // a chunked body grew past the limit: 413 to the caller (or a cut, if the service has already
                // begun to answer), and the half-sent request is reset so the service drops it. Never retried:
                // this path never is, and the cause tells the response handler not to blame the instance.
                LOG.infof("request %s: body cut off at %d bytes on %s", RequestIds.of(ctx), bodyLimit, routeKey);
                exchange.bodyTooLarge = sent.cause();
                body.close();
                bodyLimits.tooLarge(ctx, routeKey, bodyLimit);
                // the reset is ours and expected: not an error for Vert.x to log
                out.exceptionHandler(e -> LOG.debugf("request %s: upstream request reset: %s", RequestIds.of(ctx), e));
                out.reset(0, sent.cause());
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
                    UpstreamFailures.describe(e));
            response.reset();
            answer.request().reset();
        });
    }

    /** The head of an answer is in: the instance works, and the load balancer hears when the call ends. */
    private void answered(RoutingContext ctx, UpstreamInstance instance) {
        ejections.succeeded(instance);
        instance.recordReply();
        ctx.addEndHandler(done -> instance.recordEnd(done.failed() ? done.cause() : null));
    }

    /** A transport failure before the answer's head, while the caller still waits: it counts against the instance. */
    private void instanceFailed(RoutingContext ctx, UpstreamInstance instance, Throwable cause) {
        instance.recordEnd(cause);
        LOG.debugf("request %s: %s failed: %s", RequestIds.of(ctx), instance, UpstreamFailures.describe(cause));
        ejections.failed(instance, cause);
    }

    /** The caller's own connection is gone: a failure now says nothing about the instance. */
    private static boolean callerGone(RoutingContext ctx) {
        return ctx.response().closed();
    }

    private static boolean hasBody(HttpServerRequest in) {
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null ? !"0".equals(length.strip()) : in.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || in.version() == HttpVersion.HTTP_2 && !in.isEnded();
    }

    private void noInstance(RoutingContext ctx, Route route, Throwable cause) {
        LOG.warnf("request %s: %s is unavailable: %s", RequestIds.of(ctx), route.service(), cause.getMessage());
        problems.send(ctx, ProblemType.BAD_GATEWAY, route.service() + " is unavailable");
    }

    private void upstreamFailed(RoutingContext ctx, Route route, Throwable cause) {
        if (UpstreamFailures.isTimeout(cause)) {
            LOG.warnf("request %s: %s did not answer within %s", RequestIds.of(ctx), route.service(),
                    human(route.timeout()));
            problems.send(ctx, ProblemType.GATEWAY_TIMEOUT,
                    route.service() + " did not answer within " + human(route.timeout()));
        } else {
            LOG.warnf("request %s: %s is unavailable: %s", RequestIds.of(ctx), route.service(),
                    UpstreamFailures.describe(cause));
            problems.send(ctx, ProblemType.BAD_GATEWAY, route.service() + " is unavailable");
        }
    }

    private static boolean mayHaveBody(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
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
        /** Set when the gateway cut the body off at its limit (and answered 413 itself). */
        volatile Throwable bodyTooLarge;

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
