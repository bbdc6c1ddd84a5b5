package cn.grid.platform.input;

/**
 * Input that no field of the suite accepts: a control character, a lone UTF-16 surrogate, bytes that are not
 * UTF-8, a nesting too deep. Thrown while a body or a parameter is read, before any of it reaches a use case or
 * PostgreSQL, and answered as a 400 problem naming the field ({@code ProblemExceptionMappers}).
 *
 * <p>Unchecked on purpose: it is thrown from inside an {@code InputStream} that Jackson or a JAX-RS reader
 * consumes, and the mappers find it in the cause chain whatever wrapped it on the way.
 */
public class HostileInputException extends RuntimeException {

    private final String field;

    public HostileInputException(String field, String message) {
        super(message, null, false, false); // no stack trace: this is a client error, never logged
        this.field = field;
    }

    /** The field as the client knows it: {@code contact.name}, {@code photos[2]}, a parameter's name, or "body". */
    public String field() {
        return field;
    }

    /** This exception somewhere in the cause chain of {@code e}, or null. */
    public static HostileInputException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HostileInputException hostile) {
                return hostile;
            }
        }
        return null;
    }
}
