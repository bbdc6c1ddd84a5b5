package cn.grid.study.domain;

import cn.grid.platform.problem.DomainProblem;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * The month of 一课一片一实践 a report or a closing names: {@code YYYY-MM} between 2000-01 and 2100-12. A month may be
 * closed (its figures kept as they are) only once it is over where the grids are.
 */
public final class ComplianceMonth {

    private ComplianceMonth() {
    }

    public static YearMonth parse(String month) {
        if (month == null) {
            throw DomainProblem.invalid("month", "required, as YYYY-MM");
        }
        try {
            YearMonth ym = YearMonth.parse(month);
            if (ym.getYear() < 2000 || ym.getYear() > 2100) {
                throw DomainProblem.invalid("month", "between 2000-01 and 2100-12");
            }
            return ym;
        } catch (DateTimeParseException e) {
            throw DomainProblem.invalid("month", "as YYYY-MM, e.g. 2026-11");
        }
    }

    /** Refuses (409) to close a month that is not over on {@code today}, saying from when it can be. */
    public static void requireOver(YearMonth month, LocalDate today) {
        if (!month.isBefore(YearMonth.from(today))) {
            throw DomainProblem.conflict("month " + month + " is not over yet; it can be closed from "
                    + month.plusMonths(1).atDay(1));
        }
    }
}
