package cn.grid.platform.input;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Every query parameter and path segment of every request, checked before matching and before authentication:
 * no control character but TAB/LF/CR, no lone surrogate, only UTF-8 in {@code %XX} escapes
 * ({@link StrictPercentDecoding}). A query parameter is named by its name; a path by the segment that carries
 * the bad value. Refused with a {@link HostileInputException} (400 problem; Open311's own error format on
 * {@code /open311}).
 *
 * <p>It also refuses a request with more than one {@code Authorization} header: which one a component reads is
 * then up to its implementation, and a proxy and the service could disagree about who is calling.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class InputParameterFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.size() > 1) {
            throw new DuplicateHeaderException(HttpHeaders.AUTHORIZATION);
        }
        String rawQuery = request.getUriInfo().getRequestUri().getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                String name = displayName(rawName);
                StrictPercentDecoding.check("query parameter " + name, rawName, true);
                if (eq >= 0) {
                    StrictPercentDecoding.check(name, pair.substring(eq + 1), true);
                }
            }
        }
        String rawPath = request.getUriInfo().getRequestUri().getRawPath();
        if (rawPath != null) {
            for (String segment : rawPath.split("/")) {
                StrictPercentDecoding.check("path segment '" + displayName(segment) + "'", segment, false);
            }
        }
    }

    /** A parameter name for the problem's detail: decoded leniently, without the characters that were refused. */
    private static String displayName(String raw) {
        String name;
        try {
            name = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            name = raw;
        }
        StringBuilder shown = new StringBuilder();
        name.codePoints().limit(60).forEach(c -> {
            if (c < 0x20 || c == 0x7F || c >= 0xD800 && c <= 0xDFFF || c == 0xFFFD) {
                shown.append('?');
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }
}
