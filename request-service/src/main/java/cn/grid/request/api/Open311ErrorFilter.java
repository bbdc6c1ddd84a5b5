package cn.grid.request.api;

import cn.grid.platform.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.util.List;

/**
 * GeoReport v2 clients read errors as {@code [{"code": 400, "description": "..."}]} with the same HTTP status,
 * so on /open311 paths every error — from the domain, validation, the framework or a mapper's 500 — leaves in
 * that shape instead of problem+json. Working on the mapped response keeps one source of truth for status and
 * wording: the platform's problem mappers. Everywhere else (/api) nothing changes.
 */
@Provider
public class Open311ErrorFilter implements ContainerResponseFilter {

    static final String PATH_PREFIX = "/open311";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || !isOpen311(request.getUriInfo().getPath())) {
            return;
        }
        String description;
        if (response.getEntity() instanceof Problem problem) {
            description = problem.detail() != null ? problem.detail() : problem.title();
        } else {
            Response.StatusType type = Response.Status.fromStatusCode(status);
            description = type != null ? type.getReasonPhrase() : "HTTP " + status;
        }
        response.setEntity(List.of(new Open311Views.Error(status, description)), new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE);
    }

    static boolean isOpen311(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.equals(PATH_PREFIX) || p.startsWith(PATH_PREFIX + "/");
    }
}
