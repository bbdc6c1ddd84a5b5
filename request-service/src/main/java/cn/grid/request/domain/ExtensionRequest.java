package cn.grid.request.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * 延期申请 waiting for a decision: how many more minutes to resolve, why, and who asked. A ticket has at most one;
 * none is a null embeddable (all three columns null).
 */
@Embeddable
public record ExtensionRequest(
        @Column(name = "extension_minutes") Integer minutes,
        @Column(name = "extension_reason") String reason,
        @Column(name = "extension_requested_by") String requestedBy) {

    /** At most 30 days at a time. */
    public static final int MAX_MINUTES = 30 * 24 * 60;

    public static ExtensionRequest ask(int minutes, String reason, String by) {
        ServiceRequest.requireReason(reason);
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw DomainProblem.invalid("minutes", "between 1 minute and 30 days");
        }
        return new ExtensionRequest(minutes, reason, by);
    }

    /** The one who asked does not decide on it (403). */
    public void requireDecider(String decider) {
        if (decider != null && decider.equals(requestedBy)) {
            throw DomainProblem.forbidden("the one who asked for an extension does not decide on it");
        }
    }
}
