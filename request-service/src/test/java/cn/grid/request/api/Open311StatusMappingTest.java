package cn.grid.request.api;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.request.app.Open311Service;
import cn.grid.request.domain.RequestStatus;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our eleven statuses folded into GeoReport's two: every one of them, so a new status cannot slip through. */
class Open311StatusMappingTest {

    @Test
    void rejectedResolvedClosedAndWithdrawnAreClosedTheRestOpen() {
        Map<RequestStatus, String> expected = Map.ofEntries(
                Map.entry(RequestStatus.SUBMITTED, "open"), Map.entry(RequestStatus.ACCEPTED, "open"),
                Map.entry(RequestStatus.REJECTED, "closed"), Map.entry(RequestStatus.DISPATCHED, "open"),
                Map.entry(RequestStatus.SIGNED, "open"), Map.entry(RequestStatus.RETURNED, "open"),
                Map.entry(RequestStatus.IN_PROGRESS, "open"), Map.entry(RequestStatus.RESOLVED, "closed"),
                Map.entry(RequestStatus.CLOSED, "closed"), Map.entry(RequestStatus.REOPENED, "open"),
                Map.entry(RequestStatus.WITHDRAWN, "closed"));
        assertThat(expected).hasSize(RequestStatus.values().length);
        for (RequestStatus status : RequestStatus.values()) {
            assertThat(Open311Service.open311Status(status)).as(status.name()).isEqualTo(expected.get(status));
        }
    }

    @Test
    void theStatusFilterSplitsOurStatusesInTwo() {
        EnumSet<RequestStatus> open = EnumSet.copyOf(Open311Service.statusesOf("open"));
        EnumSet<RequestStatus> closed = EnumSet.copyOf(Open311Service.statusesOf("closed"));
        assertThat(closed).containsExactlyInAnyOrder(RequestStatus.REJECTED, RequestStatus.RESOLVED,
                RequestStatus.CLOSED, RequestStatus.WITHDRAWN);
        assertThat(open).doesNotContainAnyElementsOf(closed);
        open.addAll(closed);
        assertThat(open).containsExactlyInAnyOrder(RequestStatus.values());
        assertThatThrownBy(() -> Open311Service.statusesOf("pending")).isInstanceOf(DomainProblem.class)
                .hasMessageContaining("neither open nor closed");
    }
}
