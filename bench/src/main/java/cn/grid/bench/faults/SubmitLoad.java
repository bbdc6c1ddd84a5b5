package cn.grid.bench.faults;

import cn.grid.bench.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Citizens submitting tickets until stopped, like a mobile app: a submission carries an Idempotency-Key, and one
 * that gets no answer or a 5xx is sent again with the same key (for up to 120 s), so "lost" means a ticket
 * answered 201 that is not in the database, or a submission never answered at all.
 */
final class SubmitLoad {

    final Set<String> answered = ConcurrentHashMap.newKeySet();
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicInteger replays = new AtomicInteger();
    final AtomicInteger gaveUp = new AtomicInteger();
    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    final AtomicLong lastFailure = new AtomicLong();
    final AtomicLong firstSuccessAfterFault = new AtomicLong();
    private volatile long faultAt;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Future<?>> workers = new ArrayList<>();
    private final ExecutorService pool;
    private final int clients;
    private final Fixture fixture;
    private final String label;

    SubmitLoad(Fixture fixture, int clients, String label) {
        this.fixture = fixture;
        this.clients = clients;
        this.label = label;
        this.pool = Executors.newFixedThreadPool(clients);
    }

    SubmitLoad start() {
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                while (!stop.get()) {
                    submitUntilAnswered();
                }
                return null;
            }));
        }
        return this;
    }

    private void submitUntilAnswered() {
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("category", "neighbour-dispute", "title", label + " " + key.substring(0, 8),
                "gridNodeId", fixture.grid);
        // a mobile app keeps trying for a while (here up to 120 s, 0.25 s apart) before it tells its user
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (int attempt = 0; System.nanoTime() < giveUpAt; attempt++) {
            if (attempt > 0) {
                retried.incrementAndGet();
                Pace.pause(Duration.ofMillis(250));
            }
            attempts.incrementAndGet();
            String failure;
            try {
                Reply reply = fixture.suite.post("/api/v1/requests", fixture.citizen, body,
                        Map.of("Idempotency-Key", key));
                if (reply.status() == 201 || reply.status() == 200) {
                    answered.add(reply.field("id"));
                    if (reply.headers().firstValue("Idempotency-Replayed").isPresent()) {
                        replays.incrementAndGet();
                    }
                    if (faultAt != 0) {
                        firstSuccessAfterFault.compareAndSet(0, System.nanoTime());
                    }
                    return;
                }
                if (reply.status() < 500 && reply.status() != 409 && reply.status() != 429) {
                    throw new IllegalStateException("submission refused: " + reply.status() + " " + reply.body());
                }
                failure = "HTTP " + reply.status();
            } catch (IOException e) {
                failure = e.getClass().getSimpleName();
            }
            failures.computeIfAbsent(failure, f -> new AtomicInteger()).incrementAndGet();
            lastFailure.set(System.nanoTime());
        }
        gaveUp.incrementAndGet();
    }

    /** Marks the moment of the fault: the first success after it is timed from here. */
    void fault() {
        faultAt = System.nanoTime();
        firstSuccessAfterFault.set(0);
    }

    SubmitLoad stop() throws Exception {
        stop.set(true);
        for (Future<?> w : workers) {
            w.get(180, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return this;
    }

    long missingInDatabase(Databases db) {
        return answered.size() - db.countIn("request_service",
                "select count(*) from service_request where id = any(?)", answered);
    }

    void print() {
        System.out.printf("%-24s %8s %9s %8s %8s %8s %s%n", "load", "answered", "attempts", "retries", "replays",
                "gave up", "failures seen by the clients (then retried)");
        System.out.printf("%-24s %8d %9d %8d %8d %8d %s%n", label, answered.size(), attempts.get(), retried.get(),
                replays.get(), gaveUp.get(), failures.isEmpty() ? "none" : new TreeMap<>(failures));
    }
}
