package cn.grid.study.domain;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * 一课一片一实践 without a database: which sessions count as which part, a member complies in a month when they did all
 * three, coverage per organisation, subtree and grid, and which months can be closed.
 */
class ComplianceRulesTest {

    final UUID branch = UUID.randomUUID();
    final UUID group = UUID.randomUUID();

    MemberCompliance member(String name, UUID org, boolean lecture, boolean film, boolean practice) {
        return new MemberCompliance(UUID.randomUUID(), name, name, org, lecture, film, practice);
    }

    @Test
    void lectureFormsCountAsTheLessonAndOnlyAScreeningAsTheFilm() {
        assertThat(Arrays.stream(SessionKind.values()).filter(SessionKind::isLecture)).containsExactlyInAnyOrder(
                SessionKind.MICRO_LECTURE, SessionKind.BENCH_CLASS, SessionKind.LECTURE_TOUR,
                SessionKind.HOME_DELIVERY, SessionKind.ONLINE);
        assertThat(Arrays.stream(SessionKind.values()).filter(SessionKind::isFilm))
                .containsExactly(SessionKind.FILM_SCREENING);
        // study, but neither part
        for (SessionKind k : List.of(SessionKind.THEMED_PARTY_DAY, SessionKind.SITE_VISIT, SessionKind.READING_CLUB)) {
            assertThat(k.isLecture() || k.isFilm()).as(k.name()).isFalse();
        }
    }

    @Test
    void takingPartMeansPresentOrLate() {
        // the compliance, learning-record and my-study queries spell these two out as ('PRESENT', 'LATE')
        assertThat(Arrays.stream(AttendanceStatus.values()).filter(AttendanceStatus::attended))
                .containsExactly(AttendanceStatus.PRESENT, AttendanceStatus.LATE);
    }

    @Test
    void aMemberCompliesWhenTheyDidAllThreeAndIsToldWhatIsMissing() {
        assertThat(member("陈", branch, true, true, true).complete()).isTrue();
        assertThat(member("陈", branch, true, true, true).missing()).isEmpty();
        MemberCompliance li = member("李", branch, true, false, false);
        assertThat(li.complete()).isFalse();
        assertThat(li.missing()).containsExactly(CompliancePart.FILM, CompliancePart.PRACTICE);
        assertThat(member("王", branch, false, false, false).missing())
                .containsExactly(CompliancePart.LECTURE, CompliancePart.FILM, CompliancePart.PRACTICE);
    }

    @Test
    void theReportCountsEachPartCoveragePerOrganisationAndWhoIsMissingWhat() {
        Map<UUID, String> names = new LinkedHashMap<>();
        names.put(group, "第二党小组");
        names.put(branch, "第一党支部");
        UUID empty = UUID.randomUUID();
        names.put(empty, "第三党小组");
        List<MemberCompliance> rows = List.of(
                member("陈", branch, true, true, true),
                member("王", branch, true, false, true),
                member("李", group, false, true, false),
                member("赵", group, true, true, true));
        ComplianceReport r = ComplianceReport.of(branch, "2026-11", rows, names);
        assertThat(r.members()).isEqualTo(4);
        assertThat(r.complete()).isEqualTo(2);
        assertThat(r.coverage()).isEqualTo(0.5);
        assertThat(r.lecture()).isEqualTo(3);
        assertThat(r.film()).isEqualTo(3);
        assertThat(r.practice()).isEqualTo(3);
        // organisations by name; one without members has no coverage (not 0 %: nobody to cover)
        assertThat(r.organisations()).extracting(ComplianceReport.OrgLine::name, ComplianceReport.OrgLine::members,
                        ComplianceReport.OrgLine::complete, ComplianceReport.OrgLine::coverage)
                .containsExactly(tuple("第一党支部", 2L, 1L, 0.5), tuple("第三党小组", 0L, 0L, null),
                        tuple("第二党小组", 2L, 1L, 0.5));
        // the missing, by name, with what each lacks
        assertThat(r.missing()).extracting(ComplianceReport.Gap::personName, ComplianceReport.Gap::missing)
                .containsExactly(tuple("李", List.of(CompliancePart.LECTURE, CompliancePart.PRACTICE)),
                        tuple("王", List.of(CompliancePart.FILM)));
        assertThat(r.closedAt()).isNull();
    }

    @Test
    void fullCoverageIsOneAndAnEmptyMonthHasNone() {
        assertThat(ComplianceReport.of(branch, "2026-11", List.of(member("陈", branch, true, true, true)),
                Map.of(branch, "第一党支部")).coverage()).isEqualTo(1.0);
        ComplianceReport none = ComplianceReport.of(branch, "2026-11", List.of(), Map.of(branch, "第一党支部"));
        assertThat(none.members()).isZero();
        assertThat(none.coverage()).isNull();
    }

    @Test
    void aClosedReportKeepsItsFiguresAndSaysWhoClosedIt() {
        ComplianceReport open = ComplianceReport.of(branch, "2026-10", List.of(member("陈", branch, true, true, false)),
                Map.of(branch, "第一党支部"));
        OffsetDateTime at = OffsetDateTime.parse("2026-11-02T09:00:00+08:00");
        ComplianceReport closed = open.closed(at, "secretary");
        assertThat(closed.closedAt()).isEqualTo(at);
        assertThat(closed.closedBy()).isEqualTo("secretary");
        assertThat(closed.closed(null, null)).isEqualTo(open);
    }

    @Test
    void aGridSumsItsTopmostOrganisations() {
        UUID other = UUID.randomUUID();
        ComplianceReport a = ComplianceReport.of(branch, "2026-11", List.of(member("陈", branch, true, true, true),
                member("王", branch, true, false, true)), Map.of(branch, "第一党支部"));
        ComplianceReport b = ComplianceReport.of(other, "2026-11", List.of(member("李", other, true, true, true)),
                Map.of(other, "物业公司党支部")).closed(OffsetDateTime.parse("2026-12-01T08:00:00+08:00"), "s");
        UUID node = UUID.randomUUID();
        GridCompliance g = GridCompliance.of(node, "2026-11",
                List.of(new PartyOrg(branch, "/b/", "第一党支部", node, "/n/", "ACTIVE"),
                        new PartyOrg(other, "/o/", "物业公司党支部", node, "/n/", "ACTIVE")), List.of(a, b));
        assertThat(g.members()).isEqualTo(3);
        assertThat(g.complete()).isEqualTo(2);
        assertThat(g.coverage()).isEqualTo(2.0 / 3);
        assertThat(g.lecture()).isEqualTo(3);
        assertThat(g.film()).isEqualTo(2);
        assertThat(g.practice()).isEqualTo(3);
        assertThat(g.organisations()).extracting(GridCompliance.Organisation::name,
                        GridCompliance.Organisation::coverage, o -> o.closedAt() != null)
                .containsExactly(tuple("第一党支部", 0.5, false), tuple("物业公司党支部", 1.0, true));
        assertThat(GridCompliance.of(node, "2026-11", List.of(), List.of()).coverage()).isNull();
    }

    @Test
    void aMonthIsYyyyMmWithinTheCenturies() {
        assertThat(ComplianceMonth.parse("2026-11")).isEqualTo(YearMonth.of(2026, 11));
        assertThat(ComplianceMonth.parse("2000-01")).isEqualTo(YearMonth.of(2000, 1));
        assertInvalid(null, "month: required, as YYYY-MM");
        assertInvalid("2026-13", "month: as YYYY-MM, e.g. 2026-11");
        assertInvalid("11/2026", "month: as YYYY-MM, e.g. 2026-11");
        assertInvalid("1999-12", "month: between 2000-01 and 2100-12");
        assertInvalid("2101-01", "month: between 2000-01 and 2100-12");
    }

    @Test
    void onlyAMonthThatIsOverCanBeClosed() {
        LocalDate today = LocalDate.of(2026, 12, 1);
        ComplianceMonth.requireOver(YearMonth.of(2026, 11), today);
        ComplianceMonth.requireOver(YearMonth.of(2025, 1), today);
        assertThatThrownBy(() -> ComplianceMonth.requireOver(YearMonth.of(2026, 12), today))
                .isInstanceOfSatisfying(DomainProblem.class, p -> assertThat(p.type()).isEqualTo(ProblemType.CONFLICT))
                .hasMessage("month 2026-12 is not over yet; it can be closed from 2027-01-01");
        assertThatThrownBy(() -> ComplianceMonth.requireOver(YearMonth.of(2027, 1), today))
                .isInstanceOf(DomainProblem.class);
    }

    private static void assertInvalid(String month, String message) {
        assertThatThrownBy(() -> ComplianceMonth.parse(month))
                .isInstanceOfSatisfying(DomainProblem.class, p -> assertThat(p.type()).isEqualTo(ProblemType.VALIDATION))
                .hasMessage(message);
    }
}
