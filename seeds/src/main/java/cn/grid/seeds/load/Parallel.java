package cn.grid.seeds.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** Runs a section's items {@code concurrency} at a time (that many requests in flight against the suite). */
public final class Parallel implements AutoCloseable {

    /** One item of work; may throw what the gateway client throws. */
    public interface Item {
        void run() throws Exception;
    }

    private final ExecutorService pool;

    public Parallel(int concurrency) {
        this.pool = Executors.newFixedThreadPool(concurrency);
    }

    /** Runs every item and waits for all of them; the first failure is rethrown once all have ended. */
    public void all(List<Item> work) throws Exception {
        List<Future<Void>> futures = new ArrayList<>();
        // a long section (thousands of people or tickets) says how far it is every tenth, so a start that loads
        // the whole dataset does not look stuck
        AtomicLong done = new AtomicLong();
        int size = work.size();
        for (Item item : work) {
            futures.add(pool.submit((Callable<Void>) () -> {
                item.run();
                long n = done.incrementAndGet();
                if (size >= 1000 && n % (size / 10) == 0 && n < size) {
                    System.out.printf("seeds:   %d of %d%n", n, size);
                }
                return null;
            }));
        }
        Exception first = null;
        for (Future<Void> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof Exception x ? x : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
