package cn.grid.gateway.proxy;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A request keeps to the event loop it arrived on: its upstream connection belongs to that loop. */
@QuarkusTest
class UpstreamClientTest {

    @Inject
    UpstreamClient clients;

    @Inject
    Vertx vertx;

    HttpServer upstream;

    @BeforeEach
    void startUpstream() throws Exception {
        // answers with the client-side port of the connection the request came on: one port, one connection
        upstream = vertx.createHttpServer()
                .requestHandler(request -> request.response().end(String.valueOf(request.remoteAddress().port())))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopUpstream() throws Exception {
        upstream.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void requestsFromTwoEventLoopsNeverShareAConnection() throws Exception {
        List<Context> loops = twoContextsOnDifferentEventLoops();
        List<Set<String>> connections = List.of(new HashSet<>(), new HashSet<>());
        // alternate: with one pool for all loops, the second loop would pick up the first loop's idle connection
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 2; i++) {
                connections.get(i).add(get(loops.get(i)));
            }
        }
        assertThat(connections.get(0)).hasSize(1);
        assertThat(connections.get(1)).hasSize(1);
        assertThat(connections.get(0)).doesNotContainAnyElementsOf(connections.get(1));
    }

    @Test
    void theSameLoopGetsTheSameClientAndOtherThreadsTheSharedOne() throws Exception {
        List<Context> loops = twoContextsOnDifferentEventLoops();
        HttpClient first = onContext(loops.get(0), clients::current);
        assertThat(onContext(loops.get(0), clients::current)).isSameAs(first);
        assertThat(onContext(loops.get(1), clients::current)).isNotSameAs(first);
        HttpClient shared = clients.current();
        assertThat(shared).isNotSameAs(first);
        assertThat(clients.current()).isSameAs(shared);
    }

    /** The port the upstream saw, for one GET sent from the given context. */
    private String get(Context context) throws Exception {
        CompletableFuture<String> port = new CompletableFuture<>();
        context.runOnContext(v -> clients.current()
                .request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                        .setPort(upstream.actualPort()).setURI("/"))
                .compose(request -> request.send().compose(response -> response.body()))
                .onComplete(body -> {
                    if (body.succeeded()) {
                        port.complete(body.result().toString());
                    } else {
                        port.completeExceptionally(body.cause());
                    }
                }));
        return port.get(10, TimeUnit.SECONDS);
    }

    /**
     * A context made from a fresh non-Vert.x thread lands on the next event loop, round the loops (a thread that
     * asks again gets its own context back); keep the first two that run on distinct loops.
     */
    private List<Context> twoContextsOnDifferentEventLoops() throws Exception {
        List<Context> picked = new ArrayList<>();
        Set<Thread> threads = new HashSet<>();
        for (int i = 0; i < 16 && picked.size() < 2; i++) {
            CompletableFuture<Context> made = new CompletableFuture<>();
            new Thread(() -> made.complete(vertx.getOrCreateContext())).start();
            Context context = made.get(10, TimeUnit.SECONDS);
            if (threads.add(onContext(context, Thread::currentThread))) {
                picked.add(context);
            }
        }
        assertThat(picked).as("two event loops").hasSize(2);
        return picked;
    }

    private static <T> T onContext(Context context, java.util.function.Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> result.complete(work.get()));
        return result.get(10, TimeUnit.SECONDS);
    }
}
