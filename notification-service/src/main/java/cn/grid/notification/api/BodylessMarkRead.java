package cn.grid.notification.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * "Mark all read" takes an optional JSON body, and an app marking everything read sends none — usually without a
 * Content-Type either (fetch, curl -X POST). Quarkus REST refuses a body parameter without a Content-Type with a
 * 415 before the resource could take the absent body as "all"; this names the only type the operation reads, so
 * the empty body arrives as no body. A request that names a type keeps it (and a wrong one is still a 415).
 */
public class BodylessMarkRead {

    static final String MARK_ALL = "/api/v1/me/notifications/read";

    @ServerRequestFilter(preMatching = true)
    public void defaultToJson(ContainerRequestContext request) {
        if (HttpMethod.POST.equals(request.getMethod())
                && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null
                && MARK_ALL.equals(request.getUriInfo().getPath())) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
