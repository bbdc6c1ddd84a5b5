package cn.grid.platform.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} gets a 413 problem+json. Quarkus refuses
 * such a request itself, before any JAX-RS code (so no exception mapper sees it), with a bare 413 and no body;
 * this route runs just before that check and answers with the same status and a problem instead.
 * (A chunked body that grows past the limit while it streams is still cut off by Quarkus' own bare 413.)
 */
@ApplicationScoped
public class OversizedBody {

    private final long limit;
    private final ObjectMapper json;

    public OversizedBody(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                         MemorySize limit, ObjectMapper json) {
        this.limit = limit.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            Problem problem = ProblemType.PAYLOAD_TOO_LARGE.problem("the body is larger than " + limit + " bytes",
                    context.request().path());
            String body;
            try {
                body = json.writeValueAsString(problem);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            // the body is not read: close the connection after the answer, as Quarkus' own check does
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(body);
            return;
        }
        context.next();
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException malformed) {
            return false; // the HTTP codec refuses a malformed Content-Length itself
        }
    }
}
