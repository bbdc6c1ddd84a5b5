package cn.grid.bench.notify;

import cn.grid.bench.GatewayClient;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The stream reader against a loopback server that ends its first stream: it comes back with Last-Event-ID. */
class SseListenerTest {

    @Test
    void aBrokenStreamIsResumedFromTheLastEventId() throws Exception {
        List<String> lastEventIds = new CopyOnWriteArrayList<>();
        CountDownLatch testOver = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext(SseListener.PATH, exchange -> {
            String last = exchange.getRequestHeaders().getFirst("Last-Event-ID");
            lastEventIds.add(String.valueOf(last));
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                String events = last == null
                        ? "retry: 1000\n\n: hi\n\nid: 1\nevent: notification\ndata: {\"id\":\"n1\",\"seq\":1}\n\n"
                        + "id: 2\nevent: notification\ndata: {\"id\":\"n2\",\"seq\":2}\n\n"
                        : "id: 3\nevent: notification\ndata: {\"id\":\"n3\",\"seq\":3}\n\n";
                out.write(events.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (last != null) {
                    testOver.await(10, TimeUnit.SECONDS);   // the second stream stays open until the test is over
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        List<String> ids = new CopyOnWriteArrayList<>();
        GatewayClient client = new GatewayClient("http://127.0.0.1:" + server.getAddress().getPort(),
                Duration.ofSeconds(5));
        try (SseListener listener = new SseListener(client, "token", r -> ids.add(r.notification().path("id")
                .asText())).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ids.size() == 3);

            assertThat(ids).containsExactly("n1", "n2", "n3");
            assertThat(lastEventIds).containsExactly("null", "2");
            assertThat(listener.connects()).isEqualTo(2);
        } finally {
            testOver.countDown();
            server.stop(0);
        }
    }
}
