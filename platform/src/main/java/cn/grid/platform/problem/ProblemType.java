package cn.grid.platform.problem;

import java.net.URI;

/** The problem kinds of the suite; their URIs are part of the API contract (docs/api-guide.md lists them). */
public enum ProblemType {
    VALIDATION("validation", "Request validation failed", 400),
    MALFORMED_JSON("malformed-json", "Request body is not valid JSON", 400),
    BAD_REQUEST("bad-request", "Bad request", 400),
    INVALID_CURSOR("invalid-cursor", "Invalid paging cursor", 400),
    UNAUTHORIZED("unauthorized", "Authentication required", 401),
    FORBIDDEN("forbidden", "Not allowed", 403),
    NOT_FOUND("not-found", "Resource not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict", 409),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    URI_TOO_LONG("uri-too-long", "URI too long", 414),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    /** Well-formed, but refused for what it names (a webhook URL that is forbidden or failed its verification). */
    UNPROCESSABLE("unprocessable", "Request cannot be processed", 422),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key reused with a different request", 422),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", 428),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    INTERNAL("internal", "Internal error", 500),
    BAD_GATEWAY("bad-gateway", "Upstream service unavailable", 502),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", 503),
    GATEWAY_TIMEOUT("gateway-timeout", "Upstream service timed out", 504);

    public static final String BASE = "https://grid-suite.cn/problems/";

    private final URI uri;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.uri = URI.create(BASE + slug);
        this.title = title;
        this.status = status;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    public Problem problem(String detail, String instance) {
        return new Problem(uri, title, status, detail, instance, null);
    }

    /** The kind that fits a bare HTTP status (for errors raised by the framework itself). */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != VALIDATION && type != MALFORMED_JSON && type != INVALID_CURSOR
                    && type != IDEMPOTENCY_KEY_REUSED) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
