package cn.grid.gateway.proxy;

import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id that the services log and the caller gets back in {@code X-Request-Id}, so one
 * request can be followed across the suite's logs. A caller's own id is kept when it is sane.
 */
public final class RequestIds {

    private static final String KEY = "gateway.request-id";
    /** Visible ASCII only and short: the id ends up in every service's log lines. */
    private static final Pattern SANE = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private RequestIds() {
    }

    /** Route handler: picks the id, puts it on the response, and goes on. */
    public static void assign(RoutingContext ctx) {
        put(ctx);
        ctx.next();
    }

    /** Picks the id and puts it on the response (for a handler that does more before it goes on). */
    public static void put(RoutingContext ctx) {
        String given = ctx.request().getHeader(ForwardedHeaders.REQUEST_ID);
        String id = given != null && SANE.matcher(given).matches() ? given : newId();
        ctx.put(KEY, id);
        ctx.response().putHeader(ForwardedHeaders.REQUEST_ID, id);
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id == null ? newId() : id;
    }

    /**
     * A random (version 4) UUID from the thread's own generator. An id names a request in logs; it is not a
     * secret, so {@link UUID#randomUUID()}'s SecureRandom — shared and locked by every event loop, 2 % of the
     * gateway's CPU samples under load — buys nothing here.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xC000_0000_0000_0000L) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
