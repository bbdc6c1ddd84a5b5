package cn.grid.gateway.balancing;

import cn.grid.gateway.limits.BodyTooLargeException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Which requests the gateway may send a second time, to another instance, when the first one failed before any
 * response byte came back.
 *
 * <ul>
 *   <li>{@code GET}, {@code HEAD}, {@code OPTIONS}: safe methods, a second send changes nothing.</li>
 *   <li>{@code POST} with an {@code Idempotency-Key}: the service runs it at most once per key and answers a
 *       replay with the first outcome (also across instances: the key is in the service's database), so a
 *       retry cannot create a second ticket.</li>
 *   <li>Not {@code PUT}/{@code DELETE}, although HTTP calls them idempotent: here they are conditional
 *       ({@code If-Match}), and a replay of one that did land would answer 412 or 404 for a change that was
 *       made. A 502 tells the caller the truth: re-read and decide.</li>
 *   <li>Never a {@code POST} (or {@code PATCH}) without a key, not even after a refused connection: one rule a
 *       client can rely on ("the gateway never sends my unkeyed write twice") is worth more than the few
 *       refused connections it could have saved. The client gets the 502, and by the time it repeats the
 *       request the failed instance is out of rotation.</li>
 * </ul>
 *
 * The body must also be replayable: none, or a {@code Content-Length} up to {@code gateway.balancing
 * .retry-body-limit}, which the gateway then holds while it tries. A chunked or larger body streams through
 * once, as every other request does.
 */
@ApplicationScoped
public class RetryPolicy {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final int retries;
    private final long bodyLimit;

    public RetryPolicy(BalancingConfig config) {
        this.retries = Math.max(0, config.retries());
        this.bodyLimit = Math.max(0, config.retryBodyLimit());
    }

    /** How many more instances a retryable request may be sent to after the first. */
    public int retries() {
        return retries;
    }

    /**
     * Whether a failed attempt of a retryable request may be sent again: not when the gateway itself cut the
     * body off at its route's limit, since a second send would be cut off the same way.
     */
    public boolean mayRetryAfter(Throwable failure) {
        return !BodyTooLargeException.in(failure);
    }

    /** Whether this request may be retried: an idempotent request with a body small enough to hold. */
    public boolean mayRetry(HttpServerRequest in) {
        return retries > 0 && idempotent(in) && replayableBody(in);
    }

    static boolean idempotent(HttpServerRequest in) {
        if (SAFE.contains(in.method())) {
            return true;
        }
        String key = in.getHeader(IDEMPOTENCY_KEY);
        return in.method() == HttpMethod.POST && key != null && !key.isBlank();
    }

    private boolean replayableBody(HttpServerRequest in) {
        if (in.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return false;
        }
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            // HTTP/1.x: neither length nor chunked means no body; HTTP/2 may stream frames without a length
            return in.version() != HttpVersion.HTTP_2 || in.isEnded();
        }
        try {
            long bytes = Long.parseLong(length.strip());
            return bytes >= 0 && bytes <= bodyLimit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
