package cn.grid.gateway.problem;

import cn.grid.gateway.proxy.Routes;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Writes the gateway's own answers as RFC 9457 problem+json, in the same shape the services use, so a client
 * cannot tell (and need not care) whether the gateway or a service refused it. On {@code /open311} the same
 * answers leave in Open311 GeoReport v2's error format, as request-service's own Open311 errors do.
 */
@ApplicationScoped
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    public void send(RoutingContext ctx, ProblemType type, String detail) {
        send(ctx, new Problem(type.uri(), type.title(), type.status(), detail, ctx.request().path(), null));
    }

    public void send(RoutingContext ctx, ProblemType type, String detail, List<Problem.FieldError> errors) {
        send(ctx, new Problem(type.uri(), type.title(), type.status(), detail, ctx.request().path(), errors));
    }

    public void send(RoutingContext ctx, Problem problem) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // part of another answer is already on the wire: a problem now would corrupt it, so cut it short
            response.reset();
            return;
        }
        if (unreadBody(ctx.request())) {
            // the caller is still sending a body nobody will read: do not keep the connection for another request
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        if (isOpen311(ctx)) {
            // GeoReport v2 clients read errors as the spec's array, as request-service's Open311 face answers them
            String description = problem.detail() != null ? problem.detail() : problem.title();
            response.setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Buffer.buffer(bytes(List.of(new Open311Error(problem.status(), description)))));
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Buffer.buffer(bytes(problem)));
    }

    /** One entry of an Open311 GeoReport v2 error answer: {@code [{"code": 401, "description": "..."}]}. */
    public record Open311Error(int code, String description) {
    }

    /**
     * {@code /open311} and below, judged on the normalised path (the one the router matched), so a dot segment
     * cannot move a request in or out of Open311's format.
     */
    static boolean isOpen311(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        return path.equals(Routes.OPEN311) || path.startsWith(Routes.OPEN311 + "/");
    }

    /**
     * Failure handler for the gateway's routes: a client error the framework raised (an oversized dev-token
     * body: 413) keeps its status; anything else is a 500 with an error id to quote, never a stack trace.
     */
    public void failure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status >= 400 && status < 500) {
            ProblemType type = ProblemType.forStatus(status);
            send(ctx, new Problem(type.uri(), type.title(), status, type.title(), ctx.request().path(), null));
            return;
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(ctx.failure(), "unhandled error %s on %s", errorId, ctx.request().path());
        send(ctx, ProblemType.INTERNAL, "an unexpected error occurred; quote error id " + errorId);
    }

    private static boolean unreadBody(HttpServerRequest request) {
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null ? !"0".equals(length.strip()) : request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private byte[] bytes(Object problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem record could not be written as JSON", e);
        }
    }
}
