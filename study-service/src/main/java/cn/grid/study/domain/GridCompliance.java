package cn.grid.study.domain;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * 一课一片一实践 of a grid subtree for one month, for dashboards that start from a place, not an organisation: the
 * topmost organisations seated in the subtree, each with the figures of its own organisation subtree, and the
 * totals over all of them. Who is missing what stays in each organisation's own report.
 */
public record GridCompliance(UUID gridNodeId, String month, long members, long complete, Double coverage,
        long lecture, long film, long practice, List<Organisation> organisations) {

    /** One topmost organisation with the figures of its whole subtree; closedAt when its month is closed. */
    public record Organisation(UUID orgId, String name, long members, long complete, Double coverage,
            OffsetDateTime closedAt) {
    }

    public static GridCompliance of(UUID gridNodeId, String month, List<PartyOrg> orgs,
            List<ComplianceReport> reports) {
        long members = 0;
        long complete = 0;
        long lecture = 0;
        long film = 0;
        long practice = 0;
        List<Organisation> lines = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            ComplianceReport r = reports.get(i);
            members += r.members();
            complete += r.complete();
            lecture += r.lecture();
            film += r.film();
            practice += r.practice();
            lines.add(new Organisation(r.orgId(), orgs.get(i).name(), r.members(), r.complete(), r.coverage(),
                    r.closedAt()));
        }
        return new GridCompliance(gridNodeId, month, members, complete, ComplianceReport.ratio(complete, members),
                lecture, film, practice, List.copyOf(lines));
    }
}
