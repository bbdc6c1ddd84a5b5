package cn.grid.request.domain;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Tickets built in memory for the domain tests: no database, a fixed clock. */
final class Tickets {

    /** The fixed "now" of every domain test: 2026-12-01 09:00 in Asia/Shanghai. */
    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-12-01T09:00:00+08:00");
    /** 60 minutes to answer, 120 to sign from each dispatch, 1440 to resolve. */
    static final RequestCategory.Sla LIMITS = new RequestCategory.Sla(Duration.ofMinutes(60), Duration.ofMinutes(120),
            Duration.ofMinutes(1440));
    static final GridPlace GRID = new GridPlace(UUID.fromString("00000000-0000-0000-0000-00000000000a"), "/d/s/c/g/");
    static final GridPlace COMMUNITY = new GridPlace(UUID.fromString("00000000-0000-0000-0000-00000000000c"), "/d/s/c/");
    static final Assignee WORKER = new Assignee("worker-1", UUID.fromString("00000000-0000-0000-0000-0000000000f1"),
            "王网格");
    static final Dispatch TO_DEPARTMENT = Dispatch.to(DispatchTarget.DEPARTMENT, null, "水务局");

    private Tickets() {
    }

    static ServiceRequest submitted(RequestType type, GridPlace grid) {
        Submission submission = new Submission(type, Channel.APP, "水管爆裂", "3 栋", new TicketLocation(25.6, 103.8,
                "大为小区"), new TicketDetails("water-pipe", null, List.of("https://img.example/1.jpg"),
                        Contact.given("李四", "13812341234", false), LIMITS, true), "citizen-1");
        return ServiceRequest.submit(UUID.fromString("00000000-0000-0000-0000-000000000001"), submission, grid, T0);
    }

    static ServiceRequest submitted() {
        return submitted(RequestType.MICRO_WISH, GRID);
    }

    /** A micro-wish in the grid brought to {@code status} through the lifecycle's own moves, a minute apart. */
    static ServiceRequest in(RequestStatus status) {
        ServiceRequest r = submitted();
        OffsetDateTime t = T0;
        switch (status) {
            case SUBMITTED -> {
            }
            case ACCEPTED -> r.accept(t = t.plusMinutes(1));
            case REJECTED -> r.reject("不属于本网格", t.plusMinutes(1));
            case WITHDRAWN -> r.withdraw(t.plusMinutes(1));
            case DISPATCHED, SIGNED, RETURNED, IN_PROGRESS, RESOLVED, CLOSED, REOPENED -> {
                r.accept(t = t.plusMinutes(1));
                r.dispatch(TO_DEPARTMENT, null, t = t.plusMinutes(1));
                if (status == RequestStatus.RETURNED) {
                    r.giveBack("不归我们管", t.plusMinutes(1));
                } else if (status != RequestStatus.DISPATCHED) {
                    r.sign(WORKER, t = t.plusMinutes(1));
                    if (status != RequestStatus.SIGNED) {
                        r.start(t = t.plusMinutes(1));
                        if (status != RequestStatus.IN_PROGRESS) {
                            r.resolve(Outcome.FIXED, null, "已修好", null, t = t.plusMinutes(1));
                            if (status == RequestStatus.CLOSED) {
                                r.rate(5, "很及时", t.plusMinutes(1));
                            } else if (status == RequestStatus.REOPENED) {
                                r.reopen("又漏了", t.plusMinutes(1));
                            }
                        }
                    }
                }
            }
        }
        if (r.status() != status) {
            throw new IllegalStateException("reached " + r.status() + ", not " + status);
        }
        return r;
    }
}
