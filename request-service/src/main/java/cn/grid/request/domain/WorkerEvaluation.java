package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** 网格员评价办事成效: a grid worker's score (1–5) of the outcome, beside the citizen's rating. */
@Embeddable
public record WorkerEvaluation(
        @Column(name = "worker_evaluation") Short score,
        @Column(name = "worker_evaluation_note") String note,
        @Column(name = "evaluated_by") String evaluatedBy) {

    public static final WorkerEvaluation NONE = new WorkerEvaluation(null, null, null);

    public static WorkerEvaluation of(int score, String note, String worker) {
        if (score < 1 || score > 5) {
            throw DomainProblem.invalid("score", "must be 1 to 5");
        }
        return new WorkerEvaluation((short) score, note, worker);
    }
}
