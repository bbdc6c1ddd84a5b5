package cn.grid.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/**
 * RFC 9457 problem details, served as {@code application/problem+json}.
 *
 * @param type     stable URI naming the kind of problem; clients switch on it, never on {@code title}
 * @param title    short, human-readable summary of the kind
 * @param status   the HTTP status
 * @param detail   what went wrong this time
 * @param instance the request path
 * @param errors   field violations, for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One violated field: a JSON-pointer-like path ({@code location.lat}) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
