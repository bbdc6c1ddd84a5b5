package cn.grid.platform.problem;

import cn.grid.platform.input.DuplicateHeaderException;
import cn.grid.platform.input.HostileInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every error a service raises into RFC 9457 problem+json. Client mistakes get a 4xx that says what is
 * wrong; anything unexpected gets a 500 with an error id to quote — never a stack trace.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response domain(DomainProblem e, UriInfo uri) {
        return respond(new Problem(e.type().uri(), e.type().title(), e.type().status(), e.getMessage(), path(uri),
                e.errors()));
    }

    @ServerExceptionMapper(priority = 1)
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem(ProblemType.VALIDATION.uri(), ProblemType.VALIDATION.title(), 400, detail,
                path(uri), errors));
    }

    /**
     * A control character, a lone surrogate, bytes that are not UTF-8 or nesting too deep, in a body, a parameter or
     * a form field ({@code cn.grid.platform.input}). The other JSON mappers look for it among their causes too: the
     * JSON reader may wrap it on its way out.
     */
    @ServerExceptionMapper(priority = 1)
    public Response hostileInput(HostileInputException e, UriInfo uri) {
        return fieldProblem(e.field(), e.getMessage(), uri);
    }

    /**
     * Quarkus maps this one itself, with a bare 500 and no body, ahead of {@link #jsonMapping}: a key repeated in a
     * body for a record (the creator has the property already) came out as that. The strict reader refuses repeated
     * keys before (STRICT_DUPLICATE_DETECTION), so this stays for any other path: a repeated creator property is
     * still the client's 400, anything else a type the reader cannot build — a bug, a 500 problem with an error id.
     */
    @ServerExceptionMapper(priority = 1)
    public Response invalidDefinition(InvalidDefinitionException e, UriInfo uri) {
        if (HostileInputException.in(e) != null) {
            return hostileInput(HostileInputException.in(e), uri);
        }
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("creator property")) {
            String field = jsonPath(e);
            return respond(ProblemType.MALFORMED_JSON.problem("a field appears more than once in an object"
                    + (field.isEmpty() ? "" : ": " + field), path(uri)));
        }
        return internal(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response duplicateHeader(DuplicateHeaderException e, UriInfo uri) {
        return respond(ProblemType.BAD_REQUEST.problem(e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String field = jsonPath(e);
        String message;
        if (e.getTargetType() != null && e.getTargetType().isEnum()) {
            message = "must be one of " + Arrays.toString(e.getTargetType().getEnumConstants());
        } else {
            message = "cannot be read as " + typeName(e.getTargetType()) + ": " + e.getValue();
        }
        return fieldProblem(field, message, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return fieldProblem(jsonPath(e), "is not a known field", uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return respond(ProblemType.MALFORMED_JSON.problem("the body does not have the expected shape: "
                    + firstLine(e.getOriginalMessage()), path(uri)));
        }
        return fieldProblem(field, "must be a " + typeName(e.getTargetType()), uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        if (HostileInputException.in(e) != null) {
            return hostileInput(HostileInputException.in(e), uri);
        }
        String field = jsonPath(e);
        String message = firstLine(e.getOriginalMessage());
        if (field.isEmpty()) {
            return respond(ProblemType.MALFORMED_JSON.problem(message, path(uri)));
        }
        return fieldProblem(field, message, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (HostileInputException.in(e) != null) {
            return hostileInput(HostileInputException.in(e), uri);
        }
        return respond(ProblemType.MALFORMED_JSON.problem(firstLine(e.getOriginalMessage()), path(uri)));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorizedResponse("a valid bearer token is required", uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorizedResponse("the bearer token is invalid or expired", uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemType.FORBIDDEN.problem("your roles do not allow this operation", path(uri)));
    }

    @ServerExceptionMapper(priority = 1)
    public Response optimisticLock(OptimisticLockException e, UriInfo uri, HttpHeaders headers) {
        return lostRace(uri, headers);
    }

    @ServerExceptionMapper(priority = 1)
    public Response staleObject(StaleStateException e, UriInfo uri, HttpHeaders headers) {
        return lostRace(uri, headers);
    }

    /**
     * The loser of an optimistic-lock race: its version check passed, then another request committed first. A client
     * that sent {@code If-Match} named a version that is now stale, which is a 412 like the check's own; without one
     * (a claim, a join that bumps a parent's version) the change collided with another: a 409 to reload and retry.
     */
    private static Response lostRace(UriInfo uri, HttpHeaders headers) {
        if (headers != null && headers.getHeaderString(HttpHeaders.IF_MATCH) != null) {
            return respond(ProblemType.PRECONDITION_FAILED.problem(
                    "the resource changed since the version you sent in If-Match; reload and retry", path(uri)));
        }
        return respond(ProblemType.CONFLICT.problem("the resource was changed by someone else; reload and retry",
                path(uri)));
    }

    /** A unique or foreign-key constraint caught a race the use case's own check could not see. */
    @ServerExceptionMapper(priority = 1)
    public Response dataConflict(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        String constraint = e.getConstraintName() == null ? "a data constraint" : e.getConstraintName();
        String what = e.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE
                ? "a value that must be unique is already taken" : "the change conflicts with existing data";
        return respond(ProblemType.CONFLICT.problem(what + " (" + constraint + "); reload and retry", path(uri)));
    }

    /** Two transactions waited on each other (deadlock) or on a lock past its timeout: a collision to retry. */
    @ServerExceptionMapper(priority = 1)
    public Response lockConflict(org.hibernate.exception.LockAcquisitionException e, UriInfo uri) {
        return respond(ProblemType.CONFLICT.problem("the change collided with a concurrent one; retry", path(uri)));
    }

    /**
     * PostgreSQL refused a value the request carried (SQLSTATE class 22): a NUL character in text, a day outside the
     * years it stores, a number or string past its column. That is bad input, so a 400 that names the kind of value
     * and never the SQL; any other data exception (division by zero ...) is a bug and stays a 500.
     */
    @ServerExceptionMapper(priority = 1)
    public Response dataValue(org.hibernate.exception.DataException e, UriInfo uri) {
        String detail = switch (String.valueOf(e.getSQLState())) {
            case "22021", "22P05" -> "a text value contains a character that cannot be stored (such as NUL, \\u0000)";
            case "22008", "22007" -> "a date or time is outside the range that can be stored";
            case "22003" -> "a number is outside the range that can be stored";
            case "22001" -> "a text value is longer than can be stored";
            default -> null;
        };
        if (detail == null) {
            return internal(e, uri);
        }
        return respond(ProblemType.BAD_REQUEST.problem(detail, path(uri)));
    }

    @ServerExceptionMapper(priority = 1)
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (HostileInputException.in(e) != null) {
            return hostileInput(HostileInputException.in(e), uri);
        }
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            // the JSON reader wraps syntax errors; answer them like the ones it throws bare
            return json instanceof JsonMappingException mapping ? jsonMapping(mapping, uri) : json(json, uri);
        }
        if (status >= 500) {
            return internal(e, uri);
        }
        if (status == 404 && e.getCause() instanceof RuntimeException) {
            // JAX-RS answers a path or query parameter it cannot convert (a bad UUID, an unknown enum, a date that
            // is not ISO) with a 404 caused by the converter's exception; a path that matches nothing has no cause
            return respond(ProblemType.BAD_REQUEST.problem("a path or query parameter has an invalid value: "
                    + parameterProblem(e.getCause()), path(uri)));
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? type.title() : e.getMessage();
        Problem problem = new Problem(type.uri(), type.title(), status, detail, path(uri), null);
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        copyHeader(e.getResponse(), response, HttpHeaders.ALLOW);
        copyHeader(e.getResponse(), response, HttpHeaders.WWW_AUTHENTICATE);
        return response.build();
    }

    @ServerExceptionMapper(priority = 10)
    public Response internal(Throwable e, UriInfo uri, HttpHeaders headers) {
        Response cause = mappedCause(e, uri, headers);
        return cause != null ? cause : internal(e, uri);
    }

    /**
     * Hibernate flushes at commit whatever the use case did not flush itself, and the transaction interceptor wraps
     * what fails there (ArcUndeclaredThrowableException, then jakarta.transaction.RollbackException, then the
     * persistence exception): a lost optimistic lock or a unique violation from a race then reached the catch-all
     * as a 500. Its causes are answered as they would be unwrapped.
     */
    private Response mappedCause(Throwable e, UriInfo uri, HttpHeaders headers) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 16; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return lostRace(uri, headers);
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException violation) {
                return dataConflict(violation, uri);
            }
            if (t instanceof org.hibernate.exception.LockAcquisitionException lock) {
                return lockConflict(lock, uri);
            }
            if (t instanceof org.hibernate.exception.DataException data) {
                return dataValue(data, uri);
            }
            if (t instanceof DomainProblem problem) {
                return domain(problem, uri);
            }
        }
        return null;
    }

    /** The answer to an error no mapper knows: a 503 for a database outage, else a 500 with an error id. */
    public Response internal(Throwable e, UriInfo uri) {
        if (HostileInputException.in(e) != null) {
            return hostileInput(HostileInputException.in(e), uri);
        }
        if (DatabaseUnavailable.causedBy(e)) {
            // a restart or failover of PostgreSQL: nothing is broken, the same request will work in a moment
            LOG.warnf("database unavailable on %s: %s", path(uri), LogSafe.copy(e).getMessage());
            return Response.fromResponse(respond(ProblemType.SERVICE_UNAVAILABLE.problem(
                    "the database is not reachable at the moment; retry shortly", path(uri))))
                    .header(HttpHeaders.RETRY_AFTER, "1").build();
        }
        String errorId = UUID.randomUUID().toString();
        // never the raw exception: a database or JSON error quotes the row or body it failed on (LogSafe)
        LOG.errorf(LogSafe.copy(e), "unhandled error %s on %s", errorId, path(uri));
        return respond(ProblemType.INTERNAL.problem("an unexpected error occurred; quote error id " + errorId,
                path(uri)));
    }

    private static Response unauthorizedResponse(String detail, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(ProblemType.UNAUTHORIZED.problem(detail, path(uri))).build();
    }

    private static Response fieldProblem(String field, String message, UriInfo uri) {
        return respond(new Problem(ProblemType.VALIDATION.uri(), ProblemType.VALIDATION.title(), 400,
                field + ": " + message, path(uri), List.of(new Problem.FieldError(field, message))));
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String header) {
        Object value = from.getHeaders().getFirst(header);
        if (value != null) {
            to.header(header, value);
        }
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** The violated field as the client knows it: the body's property path, or the parameter's name. */
    private static String field(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new java.util.ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getName() == null
                    // a body parameter's own name means nothing to the client; a query/path parameter's does
                    || node.getKind() == ElementKind.PARAMETER && !last) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class || type == UUID.class) {
            return type == UUID.class ? "UUID string" : "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "RFC 3339 date-time";
        }
        return "JSON object";
    }

    /** What was wrong with a parameter, without the Java class names a conversion error carries. */
    private static String parameterProblem(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        int enumConstant = message.indexOf("No enum constant ");
        if (enumConstant >= 0) {
            String constant = message.substring(message.lastIndexOf('.') + 1);
            return "'" + constant + "' is not one of the allowed values";
        }
        if (message.contains("UUID")) {
            return "not a UUID";
        }
        return firstLine(message).replaceAll("[a-z]+(\\.[a-z]+)+\\.[A-Z]\\w*", "value");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable body";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
