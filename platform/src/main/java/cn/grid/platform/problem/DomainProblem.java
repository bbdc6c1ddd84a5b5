package cn.grid.platform.problem;

import java.util.List;

/**
 * A refusal the domain raises on purpose (not found, a forbidden transition, a broken rule). Free of
 * framework types so domain code may throw it; the REST layer turns it into problem+json.
 */
public class DomainProblem extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;

    public DomainProblem(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public DomainProblem(ProblemType type, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors;
    }

    public static DomainProblem notFound(String what, Object id) {
        return new DomainProblem(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static DomainProblem conflict(String detail) {
        return new DomainProblem(ProblemType.CONFLICT, detail);
    }

    public static DomainProblem invalid(String field, String message) {
        return new DomainProblem(ProblemType.VALIDATION, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static DomainProblem forbidden(String detail) {
        return new DomainProblem(ProblemType.FORBIDDEN, detail);
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
