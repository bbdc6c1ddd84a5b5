package cn.grid.grid.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.LocalDate;

/**
 * A period in days, both ends included, open while {@code endDate} is null: how long someone holds an
 * assignment, a membership or a place in a team. Ending keeps the record — it is the history.
 */
@Embeddable
public class Tenure {

    @Column(name = "start_date")
    private LocalDate startDate;

    @Column(name = "end_date")
    private LocalDate endDate;

    protected Tenure() {
        // for JPA
    }

    public Tenure(LocalDate startDate, LocalDate endDate) {
        if (endDate != null && endDate.isBefore(startDate)) {
            throw DomainProblem.invalid("endDate", "must not be before startDate " + startDate);
        }
        this.startDate = startDate;
        this.endDate = endDate;
    }

    /** Whether this and {@code other} share a day. */
    public boolean overlaps(Tenure other) {
        boolean startsBeforeOtherEnds = other.endDate == null || !startDate.isAfter(other.endDate);
        boolean endsAfterOtherStarts = endDate == null || !endDate.isBefore(other.startDate);
        return startsBeforeOtherEnds && endsAfterOtherStarts;
    }

    /** Ends on {@code day} (the last day it holds); {@code what} names the holder in refusals. */
    Tenure endOn(LocalDate day, String what) {
        if (endDate != null) {
            throw DomainProblem.conflict(what + " already ended on " + endDate);
        }
        return new Tenure(startDate, day);
    }

    public LocalDate startDate() {
        return startDate;
    }

    public LocalDate endDate() {
        return endDate;
    }

    @Override
    public String toString() {
        return startDate + (endDate == null ? "" : " to " + endDate);
    }
}
