package cn.grid.study.domain;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * 一课一片一实践 for an organisation and the organisations below it, for one month: how many members, how many did
 * each part and all three (全覆盖 is coverage 1.0), the same per organisation, and who is missing which part.
 */
public record ComplianceReport(UUID orgId, String month, long members, long complete, Double coverage, long lecture,
        long film, long practice, List<OrgLine> organisations, List<Gap> missing, OffsetDateTime closedAt,
        String closedBy) {

    /** One organisation of the subtree (its own members only). */
    public record OrgLine(UUID orgId, String name, long members, long complete, Double coverage) {
    }

    /** A member who has not done every part yet. */
    public record Gap(UUID personId, String personName, UUID orgId, List<CompliancePart> missing) {
    }

    /** The report of the members' months; {@code orgNames} names the organisations of the subtree. */
    public static ComplianceReport of(UUID orgId, String month, List<MemberCompliance> rows,
            Map<UUID, String> orgNames) {
        Map<UUID, long[]> perOrg = new LinkedHashMap<>();
        orgNames.keySet().forEach(id -> perOrg.put(id, new long[2]));
        for (MemberCompliance m : rows) {
            long[] counts = perOrg.computeIfAbsent(m.orgId(), id -> new long[2]);
            counts[0]++;
            counts[1] += m.complete() ? 1 : 0;
        }
        List<OrgLine> organisations = perOrg.entrySet().stream()
                .map(e -> new OrgLine(e.getKey(), orgNames.get(e.getKey()), e.getValue()[0], e.getValue()[1],
                        ratio(e.getValue()[1], e.getValue()[0])))
                .sorted(Comparator.comparing(OrgLine::name, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        List<Gap> missing = rows.stream().filter(m -> !m.complete())
                .sorted(Comparator.comparing(MemberCompliance::personName, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(m -> new Gap(m.personId(), m.personName(), m.orgId(), m.missing())).toList();
        long complete = rows.stream().filter(MemberCompliance::complete).count();
        return new ComplianceReport(orgId, month, rows.size(), complete, ratio(complete, rows.size()),
                rows.stream().filter(MemberCompliance::lecture).count(),
                rows.stream().filter(MemberCompliance::film).count(),
                rows.stream().filter(MemberCompliance::practice).count(), organisations, missing, null, null);
    }

    public ComplianceReport closed(OffsetDateTime at, String by) {
        return new ComplianceReport(orgId, month, members, complete, coverage, lecture, film, practice, organisations,
                missing, at, by);
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
