package cn.grid.study.app;

import cn.grid.platform.ids.Ids;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.study.app.xapi.XapiStatementValidator;
import cn.grid.study.domain.xapi.Authority;
import cn.grid.study.domain.xapi.StatementFacts;
import cn.grid.study.domain.xapi.StatementFormat;
import cn.grid.study.domain.xapi.StatementQuery;
import cn.grid.study.domain.xapi.StoredStatement;
import cn.grid.study.domain.xapi.XapiVersion;
import cn.grid.study.persistence.XapiStatementRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The xAPI 1.0.3 Statement Resource: store (a batch is all or nothing), read one, query. Each public method is one
 * transaction. Statements are readable by every role allowed on the resource: they carry no grid node, so there
 * is no grid scope to check.
 */
@ApplicationScoped
public class XapiStatementService {

    private final XapiStatementRepository statements;
    private final Event<XapiStatementStored> stored;
    private final XapiStatementRights rights;

    public XapiStatementService(XapiStatementRepository statements, Event<XapiStatementStored> stored,
            XapiStatementRights rights) {
        this.statements = statements;
        this.stored = stored;
        this.rights = rights;
    }

    /**
     * POST statements: one statement or an array. Returns the ids in order. A statement whose id is already stored
     * with the same content is not stored again; with different content the whole request is a 409. A statement
     * whose actor the caller may not record for, or that voids a statement the caller may not void, is a 403 for the
     * whole request ({@link XapiStatementRights}).
     */
    @Transactional
    public List<UUID> post(String body, XapiCaller caller) {
        JsonNode parsed = XapiStatementJson.parse(body, "the request body");
        List<ObjectNode> batch = new ArrayList<>();
        if (parsed.isArray()) {
            if (parsed.isEmpty()) {
                throw new DomainProblem(ProblemType.BAD_REQUEST, "the batch holds no statement");
            }
            for (JsonNode item : parsed) {
                batch.add(contextActivitiesAsArrays(requireObject(item)));
            }
        } else {
            batch.add(contextActivitiesAsArrays(requireObject(parsed)));
        }
        List<StatementFacts> facts = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            StatementFacts f = XapiStatementValidator.check(batch.get(i), parsed.isArray() ? "[" + i + "]." : "");
            if (f.id() != null && !ids.add(f.id())) {
                throw DomainProblem.invalid(parsed.isArray() ? "[" + i + "].id" : "id",
                        "statement id " + f.id() + " appears twice in the batch");
            }
            facts.add(f);
            rights.requireMayRecordFor(caller, batch.get(i).path("actor"), parsed.isArray() ? "[" + i + "]." : "");
        }
        statements.lockWrites();
        OffsetDateTime now = statements.now();
        List<UUID> result = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            // after the earlier statements of the batch are stored: one of them may be the statement voided here
            requireMayVoid(caller, facts.get(i), parsed.isArray() ? "[" + i + "]." : "");
            result.add(store(batch.get(i), facts.get(i), caller.authority(), now));
        }
        return result;
    }

    /**
     * PUT statements?statementId=: one statement with that id. Returns false when the same statement was stored
     * before (nothing changes); a different statement under the id is a 409.
     */
    @Transactional
    public boolean put(UUID statementId, String body, XapiCaller caller) {
        JsonNode parsed = XapiStatementJson.parse(body, "the request body");
        if (parsed.isArray()) {
            throw new DomainProblem(ProblemType.BAD_REQUEST, "PUT takes one statement; POST an array of statements");
        }
        ObjectNode statement = contextActivitiesAsArrays(requireObject(parsed));
        StatementFacts facts = XapiStatementValidator.check(statement, "");
        if (facts.id() != null && !facts.id().equals(statementId)) {
            throw DomainProblem.invalid("id", "differs from the statementId parameter " + statementId);
        }
        statement.put("id", statementId.toString());
        StatementFacts withId = withId(facts, statementId);
        rights.requireMayRecordFor(caller, statement.path("actor"), "");
        statements.lockWrites();
        Optional<StoredStatement> existing = statements.find(statementId);
        if (existing.isPresent()) {
            requireSame(existing.get(), statement);
            return false;
        }
        requireMayVoid(caller, withId, "");
        store(statement, withId, caller.authority(), statements.now());
        return true;
    }

    /** See {@link XapiStatementRepository#consistentThrough()}; outside any transaction, before reading. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public OffsetDateTime consistentThrough() {
        return statements.consistentThrough();
    }

    /** GET statements?statementId= (voided false) or ?voidedStatementId= (voided true); 404 otherwise. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StoredStatement get(UUID id, boolean voided, XapiCaller caller) {
        String readableBy = caller.readsOnlyFrom();
        return statements.find(id).filter(s -> s.voided() == voided)
                .filter(s -> readableBy == null || readableBy.equals(statements.authoritySubject(s.id())))
                .orElseThrow(() -> voided ? DomainProblem.notFound("voided statement", id)
                        : DomainProblem.notFound("statement", id));
    }

    /** The stored statement in the requested format. */
    public String format(StoredStatement statement, StatementFormat format, List<Locale.LanguageRange> languages) {
        return XapiStatementJson.format(statement.json(), format, languages);
    }

    /** GET statements with filters: one page, voided statements left out. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StatementPage query(StatementQuery query, List<Locale.LanguageRange> languages, XapiCaller caller) {
        List<StoredStatement> rows = statements.query(query, caller.readsOnlyFrom());
        boolean more = rows.size() > query.limit();
        List<StoredStatement> page = more ? rows.subList(0, query.limit()) : rows;
        List<String> json = page.stream().map(s -> format(s, query.format(), languages)).toList();
        return new StatementPage(json, more ? page.get(page.size() - 1).seq() : null);
    }

    /** The key of the {@code agent} parameter (an Agent or identified Group as JSON). */
    public String agentKey(String agentJson) {
        JsonNode agent = XapiStatementJson.parse(agentJson, "the agent parameter");
        return XapiStatementValidator.agentParameter(agent);
    }

    /** Parses a {@code since}/{@code until} parameter; null when it is not an ISO 8601 timestamp with offset. */
    public static OffsetDateTime timestamp(String text) {
        return XapiStatementValidator.parseTimestamp(text);
    }

    /** A voiding statement's target, when stored: only its author or one over its actor voids it (403). */
    private void requireMayVoid(XapiCaller caller, StatementFacts facts, String prefix) {
        if (!facts.voiding()) {
            return;
        }
        statements.find(facts.voidsStatementId()).ifPresent(target -> rights.requireMayVoid(caller, target,
                statements.authoritySubject(target.id()), XapiStatementJson.parse(target.json(), "a stored statement"),
                prefix));
    }

    private UUID store(ObjectNode statement, StatementFacts facts, Authority authority, OffsetDateTime now) {
        UUID id = facts.id() != null ? facts.id() : Ids.newId();
        if (facts.id() != null) {
            Optional<StoredStatement> existing = statements.find(id);
            if (existing.isPresent()) {
                requireSame(existing.get(), statement);
                return id;
            }
        }
        String stamp = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now);
        // the properties the LRS sets (Data 2.4): the rest stays as sent
        Map<String, JsonNode> set = new LinkedHashMap<>();
        if (!statement.has("id")) {
            set.put("id", JsonNodeFactory.instance.textNode(id.toString()));
        }
        if (!statement.has("timestamp")) {
            set.put("timestamp", JsonNodeFactory.instance.textNode(stamp));
        }
        set.put("stored", JsonNodeFactory.instance.textNode(stamp));
        set.put("authority", authority(authority));
        if (!statement.has("version")) {
            set.put("version", JsonNodeFactory.instance.textNode(XapiVersion.STATEMENT_DEFAULT));
        }
        set.forEach(statement::set);
        StatementFacts complete = withId(facts, id);
        if (complete.timestamp() == null) {
            complete = new StatementFacts(id, complete.verbId(), complete.actorKey(), complete.agentKeys(),
                    complete.activityId(), complete.refStatementId(), complete.registration(), now,
                    complete.voidsStatementId());
        }
        String json = XapiStatementJson.write(statement);
        statements.insert(complete, json, now, authority.subject());
        if (complete.voiding()) {
            statements.markVoided(complete.voidsStatementId());
        }
        stored.fire(new XapiStatementStored(id, complete.verbId(), complete.actorKey(), complete.activityId(),
                complete.timestamp(), json));
        return id;
    }

    private static void requireSame(StoredStatement existing, JsonNode statement) {
        if (!XapiStatementJson.sameStatement(XapiStatementJson.parse(existing.json(), "a stored statement"), statement)) {
            throw DomainProblem.conflict("statement " + existing.id() + " is already stored with different content");
        }
    }

    private static ObjectNode authority(Authority authority) {
        ObjectNode agent = JsonNodeFactory.instance.objectNode();
        agent.put("objectType", "Agent");
        if (authority.name() != null) {
            agent.put("name", authority.name());
        }
        agent.putObject("account").put("homePage", authority.issuer()).put("name", authority.subject());
        return agent;
    }

    private static StatementFacts withId(StatementFacts f, UUID id) {
        return new StatementFacts(id, f.verbId(), f.actorKey(), f.agentKeys(), f.activityId(), f.refStatementId(),
                f.registration(), f.timestamp(), f.voidsStatementId());
    }

    /**
     * A single ContextActivity object (parent, grouping, category, other) becomes a one-element array, in the statement
     * and in a SubStatement: the LRS returns them as arrays (Data 2.4.6.2), and a statement sent again either way is
     * the same statement.
     */
    static ObjectNode contextActivitiesAsArrays(ObjectNode statement) {
        for (JsonNode holder : List.of(statement, statement.path("object"))) {
            JsonNode kinds = holder.path("context").path("contextActivities");
            if (kinds.isObject()) {
                ObjectNode activities = (ObjectNode) kinds;
                List<String> names = new ArrayList<>();
                activities.fieldNames().forEachRemaining(names::add);
                for (String kind : names) {
                    JsonNode single = activities.get(kind);
                    if (single.isObject()) {
                        activities.putArray(kind).add(single);
                    }
                }
            }
        }
        return statement;
    }

    private static ObjectNode requireObject(JsonNode node) {
        if (!node.isObject()) {
            throw new DomainProblem(ProblemType.BAD_REQUEST, "a statement must be a JSON object");
        }
        return (ObjectNode) node;
    }
}
