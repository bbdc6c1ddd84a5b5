package cn.grid.platform.geo;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;

import java.util.List;

/** A geometry that breaks a rule: a 400 problem whose field names the position (e.g. boundary.coordinates[0][3]). */
public class InvalidGeometryException extends DomainProblem {

    public InvalidGeometryException(String where, String message) {
        super(ProblemType.VALIDATION, "boundary." + where + ": " + message,
                List.of(new Problem.FieldError("boundary." + where, message)));
    }
}
