package cn.grid.study.domain;

import cn.grid.platform.problem.DomainProblem;

/** How many points an activity earns. */
public record PointsRule(PointsActivity activity, int points, String description, long version) {

    public PointsRule {
        if (points < 0 || points > 1000) {
            throw DomainProblem.invalid("points", "between 0 and 1000");
        }
        if (description == null || description.isBlank()) {
            throw DomainProblem.invalid("description", "say what earns it");
        }
    }
}
