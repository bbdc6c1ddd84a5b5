package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;
import org.assertj.core.api.ThrowableAssert;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Asserts the domain's refusals: their kind (the HTTP status they become) and what they say. */
final class Problems {

    private Problems() {
    }

    static void refused(ProblemType type, String detailContains, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(DomainProblem.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((DomainProblem) e).type()).isEqualTo(type))
                .hasMessageContaining(detailContains);
    }
}
