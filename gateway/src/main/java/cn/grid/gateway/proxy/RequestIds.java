package cn.grid.gateway.proxy;

import cn.grid.platform.ids.Ids;
import io.vertx.ext.web.RoutingContext;

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

    /** A new id: the suite's time-ordered UUID, so ids in the logs sort by when their requests came. */
    static String newId() {
        return Ids.newId().toString();
    }
}
