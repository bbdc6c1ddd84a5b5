package cn.grid.study.api;

import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemExceptionMappers;
import cn.grid.platform.problem.ProblemType;
import cn.grid.study.domain.xapi.XapiVersion;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The xAPI headers around everything under {@code /xapi}: a request must say {@code X-Experience-API-Version}
 * 1.0 or 1.0.x (400 otherwise; {@code /xapi/about} excepted, clients call it to learn the version); every response
 * says {@code X-Experience-API-Version: 1.0.3} and {@code Date}, and every Statement Resource response
 * {@code X-Experience-API-Consistent-Through}.
 */
public class XapiHeaders {

    public static final String VERSION = "X-Experience-API-Version";
    public static final String CONSISTENT_THROUGH = "X-Experience-API-Consistent-Through";

    @ServerRequestFilter
    public Response requireVersion(ContainerRequestContext request) {
        String path = path(request);
        if (!path.startsWith("xapi/") && !path.equals("xapi")) {
            return null;
        }
        if (path.equals("xapi/about")) {
            return null;
        }
        String version = request.getHeaderString(VERSION);
        if (!XapiVersion.accepted(version)) {
            String detail = version == null ? "the " + VERSION + " header is required (1.0.3)"
                    : VERSION + " " + version + " is not supported: this LRS speaks 1.0.x (1.0.3)";
            return ProblemExceptionMappers.respond(new Problem(ProblemType.BAD_REQUEST.uri(),
                    ProblemType.BAD_REQUEST.title(), 400, detail, "/" + path, null));
        }
        return null;
    }

    @ServerResponseFilter
    public void answerVersion(ContainerRequestContext request, ContainerResponseContext response) {
        String path = path(request);
        if (!path.startsWith("xapi/") && !path.equals("xapi")) {
            return;
        }
        response.getHeaders().putSingle(VERSION, XapiVersion.CURRENT);
        // an origin server with a clock sends Date (RFC 9110 6.6.1); xAPI clients (the ADL conformance runner) set
        // it against X-Experience-API-Consistent-Through to judge how long to wait for a statement to show
        if (!response.getHeaders().containsKey(HttpHeaders.DATE)) {
            response.getHeaders().putSingle(HttpHeaders.DATE,
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC)));
        }
        // GET sets it before reading (XapiStatementService.consistentThrough); other answers were complete by now
        if (path.equals("xapi/statements") && !response.getHeaders().containsKey(CONSISTENT_THROUGH)) {
            response.getHeaders().putSingle(CONSISTENT_THROUGH, instant(OffsetDateTime.now(ZoneOffset.UTC)));
        }
    }

    static String instant(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MILLIS));
    }

    private static String path(ContainerRequestContext request) {
        return request.getUriInfo().getPath().replaceFirst("^/", "").replaceFirst("/$", "");
    }
}
