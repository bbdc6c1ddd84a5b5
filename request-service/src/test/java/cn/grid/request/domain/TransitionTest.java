package cn.grid.request.domain;

import cn.grid.platform.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static cn.grid.request.domain.RequestStatus.ACCEPTED;
import static cn.grid.request.domain.RequestStatus.CLOSED;
import static cn.grid.request.domain.RequestStatus.DISPATCHED;
import static cn.grid.request.domain.RequestStatus.IN_PROGRESS;
import static cn.grid.request.domain.RequestStatus.REJECTED;
import static cn.grid.request.domain.RequestStatus.REOPENED;
import static cn.grid.request.domain.RequestStatus.RESOLVED;
import static cn.grid.request.domain.RequestStatus.RETURNED;
import static cn.grid.request.domain.RequestStatus.SIGNED;
import static cn.grid.request.domain.RequestStatus.SUBMITTED;
import static cn.grid.request.domain.RequestStatus.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The state machine as a table: every move from every state, allowed or refused, and where it leads. */
class TransitionTest {

    /** The lifecycle as the README states it, written out here independently of {@link Transition}. */
    static final Map<Transition, Set<RequestStatus>> ALLOWED_FROM = new EnumMap<>(Transition.class);
    static final Map<Transition, Set<RequestStatus>> LEADS_TO = new EnumMap<>(Transition.class);

    static {
        Set<RequestStatus> open = EnumSet.of(SUBMITTED, ACCEPTED, DISPATCHED, SIGNED, RETURNED, IN_PROGRESS,
                RESOLVED, REOPENED);
        Set<RequestStatus> unresolved = EnumSet.of(SUBMITTED, ACCEPTED, DISPATCHED, SIGNED, RETURNED, IN_PROGRESS,
                REOPENED);
        Set<RequestStatus> handled = EnumSet.of(ACCEPTED, DISPATCHED, SIGNED, RETURNED, IN_PROGRESS, REOPENED);
        rule(Transition.ACCEPT, EnumSet.of(SUBMITTED), EnumSet.of(ACCEPTED));
        rule(Transition.REJECT, EnumSet.of(SUBMITTED), EnumSet.of(REJECTED));
        rule(Transition.DISPATCH, EnumSet.of(ACCEPTED, RETURNED), EnumSet.of(DISPATCHED));
        rule(Transition.SIGN, EnumSet.of(DISPATCHED), EnumSet.of(SIGNED));
        rule(Transition.CLAIM, EnumSet.of(ACCEPTED), EnumSet.of(SIGNED));
        rule(Transition.RETURN, EnumSet.of(DISPATCHED), EnumSet.of(RETURNED));
        rule(Transition.START, EnumSet.of(SIGNED, REOPENED), EnumSet.of(IN_PROGRESS));
        rule(Transition.RESOLVE, EnumSet.of(IN_PROGRESS), EnumSet.of(RESOLVED));
        rule(Transition.RATE, EnumSet.of(RESOLVED), EnumSet.of(CLOSED, REOPENED));
        rule(Transition.REOPEN, EnumSet.of(RESOLVED), EnumSet.of(REOPENED));
        rule(Transition.WITHDRAW, open, EnumSet.of(WITHDRAWN));
        rule(Transition.CLOSE, EnumSet.of(RESOLVED), EnumSet.of(CLOSED));
        rule(Transition.ESCALATE, unresolved, Set.of());
        rule(Transition.OVERDUE, unresolved, Set.of());
        rule(Transition.REQUEST_EXTENSION, handled, Set.of());
        rule(Transition.APPROVE_EXTENSION, handled, Set.of());
        rule(Transition.DENY_EXTENSION, handled, Set.of());
    }

    private static void rule(Transition move, Set<RequestStatus> from, Set<RequestStatus> to) {
        ALLOWED_FROM.put(move, from);
        LEADS_TO.put(move, to);
    }

    @Test
    void everyMoveHasARule() {
        assertThat(ALLOWED_FROM).containsOnlyKeys(Transition.values());
    }

    @ParameterizedTest
    @EnumSource(Transition.class)
    void eachMoveIsAllowedFromItsStatesAndRefusedFromAllOthers(Transition move) {
        for (RequestStatus status : RequestStatus.values()) {
            boolean allowed = ALLOWED_FROM.get(move).contains(status);
            assertThat(move.allowedFrom(status)).as(move + " from " + status).isEqualTo(allowed);
            if (allowed) {
                assertThatCode(() -> move.requireFrom(status, "t-1")).doesNotThrowAnyException();
            } else {
                Problems.refused(ProblemType.CONFLICT, "request t-1 is " + status + "; " + move.verb() + " needs",
                        () -> move.requireFrom(status, "t-1"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transition.class)
    void eachMoveLeadsWhereTheLifecycleSays(Transition move) {
        assertThat(move.to()).isEqualTo(LEADS_TO.get(move));
        assertThat(move.keepsState()).isEqualTo(LEADS_TO.get(move).isEmpty());
    }

    @Test
    void closedStatesAllowNothingButTheyAreReachable() {
        for (RequestStatus end : EnumSet.of(REJECTED, CLOSED, WITHDRAWN)) {
            assertThat(EnumSet.allOf(Transition.class)).noneMatch(t -> t.allowedFrom(end));
            assertThat(end.isOpen()).isFalse();
            assertThat(EnumSet.allOf(Transition.class)).anyMatch(t -> t.to().contains(end));
        }
    }

    @Test
    void refusalsNameTheOneStateOrAllOfThem() {
        Problems.refused(ProblemType.CONFLICT, "request t-1 is CLOSED; sign needs DISPATCHED",
                () -> Transition.SIGN.requireFrom(CLOSED, "t-1"));
        Problems.refused(ProblemType.CONFLICT, "request t-1 is RESOLVED; start needs one of [SIGNED, REOPENED]",
                () -> Transition.START.requireFrom(RESOLVED, "t-1"));
    }

    @Test
    void eventNamesComeFromThePastTense() {
        assertThat(Transition.SIGN.pastTense()).isEqualTo("signed");
        assertThat(Transition.REQUEST_EXTENSION.pastTense()).isEqualTo("extension-requested");
        assertThat(Transition.APPROVE_EXTENSION.verb()).isEqualTo("approve_extension");
    }
}
