package cn.grid.study.app;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.study.domain.Attendance;
import cn.grid.study.domain.AttendanceChange;
import cn.grid.study.domain.AttendanceStatus;
import cn.grid.study.domain.MaterialKind;
import cn.grid.study.domain.PointsActivity;
import cn.grid.study.domain.StudyMaterial;
import cn.grid.study.domain.StudySession;
import cn.grid.study.domain.xapi.StatementFacts;
import cn.grid.study.persistence.AttendanceRepository;
import cn.grid.study.persistence.MaterialRepository;
import cn.grid.study.persistence.MemberDirectory;
import cn.grid.study.persistence.StudySessionRepository;
import cn.grid.study.persistence.XapiStatementRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements with verbs study knows become study records, in the storing transaction: a member
 * ({@code actor.account} = {homePage: the token issuer, name: their login subject}) who <em>attended</em> a session
 * ({@code …/sessions/<id>}) is marked present and credited ATTENDANCE; one who <em>completed</em> or
 * <em>read</em> a book of the catalogue ({@code …/materials/<id>}) is credited BOOK_FINISHED. Voiding such a
 * statement takes the points back. Anything else is stored and left as it is.
 */
@ApplicationScoped
public class XapiStudyRecords {

    static final String ATTENDED = "http://adlnet.gov/expapi/verbs/attended";
    static final Set<String> FINISHED_READING = Set.of("http://adlnet.gov/expapi/verbs/completed",
            "http://activitystrea.ms/schema/1.0/read", "https://w3id.org/xapi/adl/verbs/read");
    private static final Pattern SESSION = Pattern.compile("/sessions/([0-9a-fA-F-]{36})$");
    private static final Pattern MATERIAL = Pattern.compile("/materials/([0-9a-fA-F-]{36})$");

    private final StudySessionRepository sessions;
    private final MaterialRepository materials;
    private final AttendanceRepository attendance;
    private final MemberDirectory members;
    private final PointsLedgerService ledger;
    private final XapiStatementRepository statements;
    private final XapiStatementRights rights;
    private final ObjectMapper json;

    public XapiStudyRecords(StudySessionRepository sessions, MaterialRepository materials,
            AttendanceRepository attendance, MemberDirectory members, PointsLedgerService ledger,
            XapiStatementRepository statements, XapiStatementRights rights, ObjectMapper json) {
        this.sessions = sessions;
        this.materials = materials;
        this.attendance = attendance;
        this.members = members;
        this.ledger = ledger;
        this.statements = statements;
        this.rights = rights;
        this.json = json;
    }

    void on(@Observes XapiStatementStored stored) {
        if (StatementFacts.VOIDED.equals(stored.verb())) {
            voided(stored);
            return;
        }
        Optional<String> subject = subjectOf(stored.json());
        if (subject.isEmpty() || stored.activityId() == null) {
            return;
        }
        if (ATTENDED.equals(stored.verb())) {
            idIn(SESSION, stored.activityId()).flatMap(sessions::findByIdOptional)
                    .ifPresent(session -> attended(session, subject.get(), stored));
        } else if (FINISHED_READING.contains(stored.verb())) {
            book(stored.activityId()).ifPresent(book -> ledger.credit(subject.get(), PointsActivity.BOOK_FINISHED,
                    book.id().toString(), "读完《" + book.title() + "》(xAPI)"));
        }
    }

    private void attended(StudySession session, String subject, XapiStatementStored stored) {
        boolean marked = attendance.ofSessionForUpdate(session.id()).containsKey(subject);
        if (!marked) {
            OffsetDateTime now = OffsetDateTime.now();
            attendance.save(new Attendance(session.id(), subject, members.personOf(subject).orElse(null), null,
                    AttendanceStatus.PRESENT, "xapi:" + stored.id(), now));
            attendance.audit(new AttendanceChange(stored.id(), session.id(), subject, null, AttendanceStatus.PRESENT,
                    "xapi", "xAPI statement " + stored.id(), now));
        }
        ledger.credit(subject, PointsActivity.ATTENDANCE, session.id().toString(), "参加《" + session.title() + "》(xAPI)");
    }

    /** The statement a voiding statement voids: the points it earned are taken back (the record stays, audited). */
    private void voided(XapiStatementStored voiding) {
        JsonNode target = read(voiding.json()).path("object").path("id");
        if (!target.isTextual()) {
            return;
        }
        statements.find(UUID.fromString(target.asText())).ifPresent(original -> {
            JsonNode statement = read(original.json());
            String verb = statement.path("verb").path("id").asText();
            String activity = statement.path("object").path("id").asText(null);
            Optional<String> subject = subjectOf(original.json());
            if (subject.isEmpty() || activity == null) {
                return;
            }
            String why = "xAPI statement " + original.id() + " voided";
            if (ATTENDED.equals(verb)) {
                idIn(SESSION, activity).ifPresent(session -> ledger.reverse(subject.get(), PointsActivity.ATTENDANCE,
                        session.toString(), why));
            } else if (FINISHED_READING.contains(verb)) {
                book(activity).ifPresent(book -> ledger.reverse(subject.get(), PointsActivity.BOOK_FINISHED,
                        book.id().toString(), why));
            }
        });
    }

    private Optional<StudyMaterial> book(String activityId) {
        return idIn(MATERIAL, activityId).flatMap(materials::findByIdOptional)
                .filter(m -> m.kind() == MaterialKind.BOOK);
    }

    /**
     * A member is named by an account on the suite's homePage (the token issuer) whose name is their login subject;
     * another homePage's account with the same name is someone else's learner and earns nothing here. Whether the
     * sender may name them was checked before the statement was stored ({@link XapiStatementRights}).
     */
    private Optional<String> subjectOf(String statementJson) {
        return rights.subjectOf(read(statementJson).path("actor"));
    }

    private static Optional<UUID> idIn(Pattern pattern, String activityId) {
        Matcher m = pattern.matcher(activityId);
        return m.find() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
    }

    private JsonNode read(String statementJson) {
        try {
            return json.readTree(statementJson);
        } catch (java.io.IOException e) {
            throw DomainProblem.invalid("statement", "not JSON");
        }
    }
}
