package cn.grid.study.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One member's month: which parts of 一课一片一实践 they did. */
public record MemberCompliance(UUID personId, String personName, String subject, UUID orgId, boolean lecture,
        boolean film, boolean practice) {

    public boolean complete() {
        return lecture && film && practice;
    }

    public List<CompliancePart> missing() {
        List<CompliancePart> missing = new ArrayList<>();
        if (!lecture) {
            missing.add(CompliancePart.LECTURE);
        }
        if (!film) {
            missing.add(CompliancePart.FILM);
        }
        if (!practice) {
            missing.add(CompliancePart.PRACTICE);
        }
        return missing;
    }
}
