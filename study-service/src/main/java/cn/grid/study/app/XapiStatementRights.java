package cn.grid.study.app;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.platform.security.Caller;
import cn.grid.platform.time.GridCalendar;
import cn.grid.study.domain.PartyOrg;
import cn.grid.study.domain.xapi.StoredStatement;
import cn.grid.study.persistence.MemberDirectory;
import cn.grid.study.persistence.PartyOrgDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Whom a caller may record xAPI statements for, and whose statements they may void.
 *
 * <p>A person of the registry is named in a statement by an {@code account} whose {@code homePage} is the suite's
 * token issuer and whose {@code name} is their login subject — the only form study credits points and presence for
 * ({@link XapiStudyRecords}). Such an actor (an Agent, or an identified Group and its members) must be:
 * <ul>
 *   <li>for a party member: the caller's own login (or another login of the same person) — nobody else;</li>
 *   <li>for staff (grid worker, organisation or district administrator, service): the caller, or a person with a
 *       current membership in an organisation whose grid the registry makes the caller staff over
 *       ({@link Caller#staffOver}; a district administrator or service not narrowed by its token: anyone, including
 *       a login no person is known for yet);</li>
 *   <li>for LRS client credentials: a person with a current membership in the client's organisation or below.</li>
 * </ul>
 * Actors named otherwise ({@code mbox}, {@code openid}, another homePage's account) are learners from outside the
 * registry: study credits them nothing, so staff and clients may record them; a member may not (a statement by a
 * member is about that member). {@code context.instructor}, {@code context.team}, an Agent object and a
 * SubStatement's actor credit nobody here and are not checked.
 *
 * <p>A voiding statement is allowed to its target's author (the authority that stored it) and to staff who may record
 * statements for the target's actor (see above); a statement about a learner outside the registry only to its author
 * and unbounded staff. Members and LRS clients void only what they stored. A voiding statement that arrives before
 * its target voids it only when both have the same author (see XapiStatementRepository#insert).
 */
@ApplicationScoped
public class XapiStatementRights {

    private final MemberDirectory members;
    private final PartyOrgDirectory orgs;
    private final GridCalendar calendar;
    private final String issuer;

    public XapiStatementRights(MemberDirectory members, PartyOrgDirectory orgs, GridCalendar calendar,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.members = members;
        this.orgs = orgs;
        this.calendar = calendar;
        this.issuer = issuer;
    }

    /** The homePage of the accounts that name the suite's logins: the token issuer. */
    public String homePage() {
        return issuer;
    }

    /** The login subject an Agent names, when it is an account on the suite's homePage. */
    public Optional<String> subjectOf(JsonNode agent) {
        JsonNode account = agent.path("account");
        if (account.path("homePage").isTextual() && account.path("name").isTextual()
                && sameHomePage(account.path("homePage").asText())) {
            return Optional.of(account.path("name").asText());
        }
        return Optional.empty();
    }

    /** 403 naming {@code <prefix>actor} unless {@code caller} may record a statement with this actor. */
    public void requireMayRecordFor(XapiCaller caller, JsonNode actor, String prefix) {
        List<String> subjects = subjectsNamedBy(actor);
        if (caller instanceof XapiCaller.Token token && !token.staff()) {
            Optional<String> own = actor.path("member").isArray() ? Optional.empty() : subjectOf(actor);
            if (own.isEmpty() || !samePerson(token.caller(), own.get())) {
                throw forbidden(prefix + "actor", "a party member records statements about themselves only: the actor "
                        + "must be the Agent {\"account\": {\"homePage\": \"" + issuer + "\", \"name\": \""
                        + token.caller().subject() + "\"}}");
            }
            return;
        }
        for (String subject : subjects) {
            if (!reaches(caller, subject)) {
                throw forbidden(prefix + "actor", "the actor " + subject + " is not a member within your reach"
                        + (caller instanceof XapiCaller.Client c ? " (these credentials record for party organisation "
                        + c.org().name() + " and below)" : " (staff record for the members of organisations in their"
                        + " grids)"));
            }
        }
    }

    /**
     * 403 naming {@code <prefix>object.id} unless {@code caller} may void {@code target}: its author, or one who may
     * record for its actor (a member only their own statements).
     */
    public void requireMayVoid(XapiCaller caller, StoredStatement target, String targetAuthor, JsonNode targetJson,
            String prefix) {
        if (caller.authority().subject().equals(targetAuthor)) {
            return;
        }
        // a member and LRS client credentials are no staff: they void what they stored
        boolean staff = caller instanceof XapiCaller.Token token && token.staff();
        if (staff) {
            List<String> subjects = subjectsNamedBy(targetJson.path("actor"));
            boolean foreignActor = subjects.isEmpty();
            // a learner from outside the registry: only the author, or an unbounded caller, voids their statement
            if (foreignActor ? unbounded(caller) : subjects.stream().allMatch(s -> reaches(caller, s))) {
                return;
            }
        }
        throw forbidden(prefix + "object.id", "statement " + target.id() + " was stored by someone else and is about"
                + " a learner outside your reach: only its author or staff over its actor void it");
    }

    /** The suite logins an actor names: the Agent's (or identified Group's) account and the members of a Group. */
    private List<String> subjectsNamedBy(JsonNode actor) {
        List<String> subjects = new ArrayList<>();
        subjectOf(actor).ifPresent(subjects::add);
        for (JsonNode member : actor.path("member")) {
            subjectOf(member).ifPresent(subjects::add);
        }
        return subjects;
    }

    private boolean reaches(XapiCaller caller, String subject) {
        if (caller instanceof XapiCaller.Token token) {
            Caller c = token.caller();
            if (subject.equals(c.subject()) || unbounded(caller)) {
                return true;
            }
            return personOrgs(subject).stream().anyMatch(org -> staffOver(c, org));
        }
        XapiCaller.Client client = (XapiCaller.Client) caller;
        return personOrgs(subject).stream().anyMatch(org -> client.reaches(org.orgPath()));
    }

    /**
     * Staff over an organisation: the registry makes the caller staff (grid worker, head or specialist; secretary,
     * deputy or committee member of an organisation) of a node whose subtree holds the organisation's grid.
     */
    private static boolean staffOver(Caller caller, PartyOrg org) {
        return caller.staffOver(org.gridPath());
    }

    /** A district administrator or service whose token does not narrow it. */
    private static boolean unbounded(XapiCaller caller) {
        return caller instanceof XapiCaller.Token token && token.caller().isDistrictWide() && token.caller().covers(null);
    }

    private List<PartyOrg> personOrgs(String subject) {
        return members.personOf(subject).map(person -> orgs.orgsOfPerson(person, calendar.today()))
                .orElse(List.of());
    }

    /** The caller's own login, or another login of the person the registry links the caller's login to. */
    private boolean samePerson(Caller caller, String subject) {
        if (subject.equals(caller.subject())) {
            return true;
        }
        return caller.personId() != null
                && members.personOf(subject).map(UUID::toString).filter(caller.personId()::equals).isPresent();
    }

    private boolean sameHomePage(String homePage) {
        return stripSlash(homePage).equals(stripSlash(issuer));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static DomainProblem forbidden(String field, String message) {
        return new DomainProblem(ProblemType.FORBIDDEN, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }
}
