package cn.grid.study.api;

import cn.grid.platform.time.GridCalendar;
import cn.grid.study.domain.MemberCompliance;
import cn.grid.study.domain.MemberSummary;
import cn.grid.study.persistence.ComplianceRepository;
import cn.grid.study.persistence.LearningRecordRepository;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static cn.grid.study.api.StudyWorld.admin;
import static cn.grid.study.api.StudyWorld.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

/**
 * The organisation export and the monthly compliance report read each table once for all members (two joins per
 * table: by person id, and by subject for the rows the first did not take). They must say exactly what the
 * per-member definition they replaced says — a row is a member's when it names their person id or their login
 * subject — on a fixture where rows match by person only (an old login), by subject only (made before grid events
 * named the person), by both, and where two people share one subject (赵 is in both branches).
 */
@QuarkusTest
class SetBasedReportsTest {

    static final StudyWorld WORLD = new StudyWorld();
    static final String[] LECTURE_KINDS = {"MICRO_LECTURE", "BENCH_CLASS", "LECTURE_TOUR", "HOME_DELIVERY", "ONLINE"};

    /** The export's query before it was made set-based: nine correlated subqueries per member. */
    static final String SUMMARIES_PER_MEMBER = """
            with members as (
                select distinct on (m.person_id) m.person_id, m.person_name, m.subject
                from party_org_member_view m join party_org_view o on o.org_id = m.org_id
                where o.org_path like ? and m.start_date <= ? and (m.end_date is null or m.end_date >= ?)
                order by m.person_id, m.start_date desc)
            select m.person_id, m.person_name, m.subject,
              (select count(*) from session_attendance a join study_session s on s.id = a.session_id
                where (a.person_id = m.person_id or a.subject = m.subject) and a.status in ('PRESENT', 'LATE')
                  and s.starts_at >= ? and s.starts_at < ?),
              (select count(*) from session_attendance a join study_session s on s.id = a.session_id
                where (a.person_id = m.person_id or a.subject = m.subject) and a.status in ('PRESENT', 'LATE')
                  and s.kind = any(?) and s.starts_at >= ? and s.starts_at < ?),
              (select count(*) from session_attendance a join study_session s on s.id = a.session_id
                where (a.person_id = m.person_id or a.subject = m.subject) and a.status in ('PRESENT', 'LATE')
                  and s.kind = 'FILM_SCREENING' and s.starts_at >= ? and s.starts_at < ?),
              (select count(*) from points_entry e where (e.person_id = m.person_id or e.subject = m.subject)
                  and e.activity = 'LECTURE' and e.reverses is null and e.at >= ? and e.at < ?
                  and not exists (select 1 from points_entry r where r.reverses = e.id)),
              (select count(*) from practice_record p where (p.person_id = m.person_id or p.subject = m.subject)
                  and p.reversed_at is null and p.credited_at >= ? and p.credited_at < ?),
              (select count(*) from study_reflection r where r.member_subject = m.subject and r.state = 'APPROVED'
                  and r.reviewed_at >= ? and r.reviewed_at < ?),
              (select count(distinct g.material_id) from study_reading_progress g
                where g.member_subject = m.subject and g.finished and g.updated_at >= ? and g.updated_at < ?),
              (select coalesce(sum(e.points), 0) from points_entry e
                where (e.person_id = m.person_id or e.subject = m.subject) and e.at >= ? and e.at < ?),
              (select coalesce(sum(e.points), 0) from points_entry e
                where e.person_id = m.person_id or e.subject = m.subject)
            from members m order by m.person_name, m.person_id""";

    /** The compliance query before it was restricted to the members: each part built from the whole month. */
    static final String COMPLIANCE_WHOLE_MONTH = """
            with orgs as (select org_id from party_org_view where org_path like ?),
            members as (
                select distinct on (m.person_id) m.person_id, m.person_name, m.subject, m.org_id
                from party_org_member_view m join orgs o on o.org_id = m.org_id
                where m.start_date <= ? and (m.end_date is null or m.end_date >= ?)
                order by m.person_id, m.start_date desc),
            took_part as (
                select a.person_id, a.subject, s.kind from session_attendance a
                join study_session s on s.id = a.session_id
                where a.status in ('PRESENT', 'LATE') and s.starts_at >= ? and s.starts_at < ?),
            lectured as (
                select e.person_id, e.subject from points_entry e join study_session s on s.id::text = e.source_id
                where e.activity = 'LECTURE' and e.reverses is null
                  and not exists (select 1 from points_entry r where r.reverses = e.id)
                  and s.starts_at >= ? and s.starts_at < ?),
            practised as (
                select person_id, subject from practice_record
                where reversed_at is null and credited_at >= ? and credited_at < ?)
            select m.person_id, m.person_name, m.subject, m.org_id,
                   coalesce(m.person_id in (select person_id from took_part where kind = any(?))
                         or m.subject in (select subject from took_part where kind = any(?))
                         or m.person_id in (select person_id from lectured)
                         or m.subject in (select subject from lectured), false),
                   coalesce(m.person_id in (select person_id from took_part where kind = 'FILM_SCREENING')
                         or m.subject in (select subject from took_part where kind = 'FILM_SCREENING'), false),
                   coalesce(m.person_id in (select person_id from practised)
                         or m.subject in (select subject from practised), false)
            from members m""";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LearningRecordRepository records;
    @Inject
    ComplianceRepository compliance;
    @Inject
    GridCalendar calendar;

    private static boolean seeded;

    @BeforeEach
    void world() throws SQLException {
        WORLD.ensure(dataSource);
        if (!seeded) {
            seed();
            seeded = true;
        }
    }

    @Test
    void theExportSaysWhatThePerMemberDefinitionSays() throws SQLException {
        LocalDate from = YearMonth.from(calendar.today()).minusMonths(1).atDay(1);
        LocalDate to = calendar.today();
        OffsetDateTime start = calendar.startOf(from);
        OffsetDateTime end = calendar.startOf(to.plusDays(1));
        String orgLike = "/" + WORLD.orgTown + "/%";

        List<MemberSummary> setBased = QuarkusTransaction.requiringNew().call(() ->
                records.summaries("/" + WORLD.orgTown + "/", to, start, end));
        List<MemberSummary> perMember = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SUMMARIES_PER_MEMBER)) {
            int i = 1;
            s.setString(i++, orgLike);
            s.setObject(i++, to);
            s.setObject(i++, to);
            for (int part = 0; part < 8; part++) {
                if (part == 1) {
                    s.setObject(i++, s.getConnection().createArrayOf("text", LECTURE_KINDS));
                }
                s.setObject(i++, start);
                s.setObject(i++, end);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    perMember.add(new MemberSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                            rs.getLong(10), rs.getLong(11), rs.getLong(12)));
                }
            }
        }
        // five members and the three secretaries the registry makes administrators
        assertThat(setBased).hasSize(8).containsExactlyElementsOf(perMember);

        // and in plain figures: 陈 attended s1 (person and subject), s2 (old login, by person), s3 (subject only)
        // and s4 (last month); gave one lecture standing (the other reversed); 1 practice; 1 approved reflection;
        // 2 books; +1 +1 +1 +5 +5 -5 in the period and 3 points two years ago
        MemberSummary chen = setBased.stream().filter(m -> m.personId().equals(WORLD.chenPerson)).findFirst()
                .orElseThrow();
        assertThat(chen).isEqualTo(new MemberSummary(WORLD.chenPerson, "陈党员", WORLD.chen, 4, 2, 1, 1, 1, 1, 2, 8,
                11));
        // both 赵 people have the subject's rows; only the first also has the rows of its old login
        assertThat(setBased.stream().filter(m -> m.subject().equals(WORLD.zhao)).map(MemberSummary::sessionsAttended))
                .containsExactlyInAnyOrder(2L, 1L);

        as(admin(WORLD.town)).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/study/orgs/" + WORLD.orgTown + "/records").then().statusCode(200)
                .body("find { it.personId == '" + WORLD.chenPerson + "' }.sessionsAttended", equalTo(4))
                .body("find { it.personId == '" + WORLD.chenPerson + "' }.balance", equalTo(11));
        String csv = as(admin(WORLD.town)).queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("format", "csv").get("/api/v1/study/orgs/" + WORLD.orgTown + "/records").then()
                .statusCode(200).extract().asString();
        assertThat(csv).contains(WORLD.chenPerson + ",陈党员," + WORLD.chen + ",4,2,1,1,1,1,2,8,11\r\n");
    }

    @Test
    void complianceSaysWhatTheWholeMonthDefinitionSays() throws SQLException {
        YearMonth month = YearMonth.from(calendar.today());
        OffsetDateTime start = calendar.startOf(month.atDay(1));
        OffsetDateTime end = calendar.startOf(month.plusMonths(1).atDay(1));
        for (UUID org : List.of(WORLD.orgTown, WORLD.orgA, WORLD.orgB)) {
            String path = org.equals(WORLD.orgTown) ? "/" + WORLD.orgTown + "/" : "/" + WORLD.orgTown + "/" + org + "/";
            List<MemberCompliance> setBased = QuarkusTransaction.requiringNew().call(() -> compliance.members(path,
                    month.atDay(1), month.atEndOfMonth(), start, end));
            List<MemberCompliance> wholeMonth = new ArrayList<>();
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement(COMPLIANCE_WHOLE_MONTH)) {
                s.setString(1, path + "%");
                s.setObject(2, month.atEndOfMonth());
                s.setObject(3, month.atDay(1));
                for (int i = 4; i <= 9; i += 2) {
                    s.setObject(i, start);
                    s.setObject(i + 1, end);
                }
                s.setObject(10, c.createArrayOf("text", LECTURE_KINDS));
                s.setObject(11, c.createArrayOf("text", LECTURE_KINDS));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        wholeMonth.add(new MemberCompliance(rs.getObject(1, UUID.class), rs.getString(2),
                                rs.getString(3), rs.getObject(4, UUID.class), rs.getBoolean(5), rs.getBoolean(6),
                                rs.getBoolean(7)));
                    }
                }
            }
            assertThat(setBased).as("organisation %s", org).isNotEmpty()
                    .containsExactlyInAnyOrderElementsOf(wholeMonth);
        }
        List<MemberCompliance> town = QuarkusTransaction.requiringNew().call(() -> compliance.members(
                "/" + WORLD.orgTown + "/", month.atDay(1), month.atEndOfMonth(), start, end));
        // 陈: lecture (s1), film (s2, by person under an old login), practice (by subject only)
        assertThat(town).filteredOn(m -> m.personId().equals(WORLD.chenPerson))
                .extracting(MemberCompliance::lecture, MemberCompliance::film, MemberCompliance::practice)
                .containsExactly(tuple(true, true, true));
        // 王 gave the lecture of s1 (LECTURE points by person) and did nothing else
        assertThat(town).filteredOn(m -> m.subject().equals(WORLD.wang))
                .extracting(MemberCompliance::lecture, MemberCompliance::film, MemberCompliance::practice)
                .containsExactly(tuple(true, false, false));
    }

    /**
     * Rows written as the service would over time: this month s1 (micro-lecture), s2 (film), s3 (site visit), and
     * s4 (micro-lecture) last month.
     */
    private void seed() throws SQLException {
        YearMonth month = YearMonth.from(calendar.today());
        OffsetDateTime monthStart = calendar.startOf(month.atDay(1));
        OffsetDateTime now = OffsetDateTime.now();
        UUID s1 = UUID.randomUUID();
        UUID s2 = UUID.randomUUID();
        UUID s3 = UUID.randomUUID();
        UUID s4 = UUID.randomUUID();
        String chenOld = WORLD.chen + "-old";
        String zhaoOld = WORLD.zhao + "-old";
        try (Connection c = dataSource.getConnection()) {
            UUID li = person(c, WORLD.li, WORLD.orgA);
            UUID wang = person(c, WORLD.wang, WORLD.orgB);
            UUID zhaoA = person(c, WORLD.zhao, WORLD.orgA);
            session(c, s1, "MICRO_LECTURE", monthStart.plusHours(10));
            session(c, s2, "FILM_SCREENING", monthStart.plusHours(12));
            session(c, s3, "SITE_VISIT", monthStart.plusHours(14));
            session(c, s4, "MICRO_LECTURE", monthStart.minusDays(3));
            mark(c, s1, WORLD.chen, WORLD.chenPerson, "PRESENT");
            mark(c, s2, chenOld, WORLD.chenPerson, "LATE");
            mark(c, s3, WORLD.chen, null, "PRESENT");
            mark(c, s4, WORLD.chen, WORLD.chenPerson, "PRESENT");
            mark(c, s1, WORLD.li, li, "ABSENT");
            mark(c, s2, WORLD.li, null, "PRESENT");
            mark(c, s1, zhaoOld, zhaoA, "PRESENT");
            mark(c, s2, WORLD.zhao, null, "PRESENT");
            mark(c, s1, WORLD.stranger, null, "PRESENT");

            entry(c, UUID.randomUUID(), WORLD.chenPerson, WORLD.chen, "ATTENDANCE", 1, s1, null, now);
            entry(c, UUID.randomUUID(), null, WORLD.chen, "ATTENDANCE", 1, s3, null, now);
            entry(c, UUID.randomUUID(), WORLD.chenPerson, chenOld, "ATTENDANCE", 1, s2, null, now);
            entry(c, UUID.randomUUID(), null, WORLD.chen, "LECTURE", 5, s1, null, now);
            UUID reversed = UUID.randomUUID();
            entry(c, reversed, WORLD.chenPerson, WORLD.chen, "LECTURE", 5, s4, null, monthStart.minusDays(3));
            entry(c, UUID.randomUUID(), WORLD.chenPerson, WORLD.chen, "LECTURE", -5, s4, reversed, now);
            entry(c, UUID.randomUUID(), WORLD.chenPerson, WORLD.chen, "PRACTICE", 3, UUID.randomUUID(), null,
                    now.minusYears(2));
            entry(c, UUID.randomUUID(), zhaoA, WORLD.zhao, "ATTENDANCE", 2, s1, null, now);
            entry(c, UUID.randomUUID(), null, WORLD.zhao, "ATTENDANCE", 1, s2, null, now);
            entry(c, UUID.randomUUID(), wang, WORLD.wang, "LECTURE", 5, s1, null, now);

            practice(c, WORLD.chen, null, now, null);
            practice(c, WORLD.li + "-old", li, now, null);
            practice(c, WORLD.li, li, now, now);
            practice(c, WORLD.zhao, null, now, null);

            reflection(c, s1, WORLD.chen, "APPROVED", now);
            reflection(c, s2, WORLD.li, "SUBMITTED", null);
            UUID book = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            material(c, book);
            material(c, other);
            UUID planNow = plan(c, month.getYear());
            UUID planBefore = plan(c, month.getYear() - 1);
            reading(c, planNow, book, WORLD.chen, now);
            reading(c, planBefore, book, WORLD.chen, now);
            reading(c, planNow, other, WORLD.chen, now);
        }
    }

    private static UUID person(Connection c, String subject, UUID org) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select person_id from party_org_member_view where subject = ? and org_id = ?")) {
            s.setString(1, subject);
            s.setObject(2, org);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static void session(Connection c, UUID id, String kind, OffsetDateTime at) throws SQLException {
        update(c, """
                insert into study_session (id, kind, title, grid_node_id, grid_path, starts_at, speaker, recorded_by,
                                           version, created_at)
                values (?, ?, ?, ?, ?, ?, '李书记', 'test', 0, now())""", id, kind, kind + " " + id, WORLD.villageA,
                "/" + WORLD.town + "/" + WORLD.villageA + "/", at);
    }

    private static void mark(Connection c, UUID session, String subject, UUID person, String status)
            throws SQLException {
        update(c, """
                insert into session_attendance (session_id, subject, person_id, person_name, status, recorded_by,
                                                recorded_at)
                values (?, ?, ?, null, ?, 'test', now())""", session, subject, person, status);
    }

    private static void entry(Connection c, UUID id, UUID person, String subject, String activity, int points,
            UUID source, UUID reverses, OffsetDateTime at) throws SQLException {
        update(c, """
                insert into points_entry (id, person_id, subject, activity, points, source_id, reason, reverses, at)
                values (?, ?, ?, ?, ?, ?, 'test', ?, ?)""", id, person, subject, activity, points, source.toString(),
                reverses, at);
    }

    private static void practice(Connection c, String subject, UUID person, OffsetDateTime at, OffsetDateTime reversed)
            throws SQLException {
        update(c, """
                insert into practice_record (request_id, subject, person_id, request_type, rating, credited_at,
                                             reversed_at)
                values (?, ?, ?, 'REPAIR', 5, ?, ?)""", UUID.randomUUID(), subject, person, at, reversed);
    }

    private static void reflection(Connection c, UUID session, String subject, String state, OffsetDateTime reviewed)
            throws SQLException {
        update(c, """
                insert into study_reflection (id, session_id, org_id, member_subject, text, state, reviewed_at,
                                              submitted_at, created_at)
                values (?, ?, ?, ?, '心得', ?, ?, now(), now())""", UUID.randomUUID(), session, WORLD.orgA, subject,
                state, reviewed);
    }

    private static void material(Connection c, UUID id) throws SQLException {
        update(c, """
                insert into study_material (id, kind, title, owner_grid_path, created_by, created_at, updated_at)
                values (?, 'BOOK', '必读书目', '/', 'test', now(), now())""", id);
    }

    private static UUID plan(Connection c, int year) throws SQLException {
        UUID id = UUID.randomUUID();
        update(c, """
                insert into study_plan (id, org_id, year, title, created_by, created_at, updated_at)
                values (?, ?, ?, '学习计划', 'test', now(), now())""", id, WORLD.orgA, year);
        return id;
    }

    private static void reading(Connection c, UUID plan, UUID material, String subject, OffsetDateTime at)
            throws SQLException {
        update(c, """
                insert into study_reading_progress (plan_id, material_id, member_subject, percent, finished, updated_at)
                values (?, ?, ?, 100, true, ?)""", plan, material, subject, at);
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }
}
