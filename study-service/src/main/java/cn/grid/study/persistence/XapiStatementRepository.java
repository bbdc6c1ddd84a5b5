package cn.grid.study.persistence;

import cn.grid.study.domain.xapi.StatementFacts;
import cn.grid.study.domain.xapi.StatementQuery;
import cn.grid.study.domain.xapi.StoredStatement;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code xapi_statement} over plain JDBC (jsonb, text[] and a recursive query are simpler here than through JPA).
 * The connections take part in the caller's JTA transaction.
 */
@ApplicationScoped
public class XapiStatementRepository {

    /** Key of the transaction-level advisory lock that serialises statement writes. */
    private static final long WRITE_LOCK = 0x7841504953544dL;

    private final AgroalDataSource dataSource;

    public XapiStatementRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Serialises statement writes until the transaction ends, so that seq, stored and commit order agree: a reader
     * paging by seq never sees a lower seq commit after a higher one, and {@code stored} only grows.
     */
    public void lockWrites() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            s.setLong(1, WRITE_LOCK);
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database clock, to the millisecond (a statement's {@code stored}); call after {@link #lockWrites()}. */
    public OffsetDateTime now() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select date_trunc('milliseconds', clock_timestamp())");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The X-Experience-API-Consistent-Through instant: waits for a statement write under way to commit (a shared
     * hold of the write lock, released at once), then reads the clock. Any statement stored before that instant is
     * committed, and any later write gets a later {@code stored}. Call it before the query it describes.
     */
    public OffsetDateTime consistentThrough() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select date_trunc('milliseconds', clock_timestamp()) from (select pg_advisory_xact_lock_shared(?)) l")) {
            s.setLong(1, WRITE_LOCK);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<StoredStatement> find(UUID id) {
        return one("select seq, statement_id, statement::text, stored, voided from xapi_statement where statement_id = ?",
                id);
    }

    /** The token subject (or {@code xapi-client:<key>}) that stored the statement: its author. */
    public String authoritySubject(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select authority_subject from xapi_statement where statement_id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void insert(StatementFacts facts, String json, OffsetDateTime stored, String authoritySubject) {
        String sql = """
                insert into xapi_statement (statement_id, statement, verb_id, actor_key, agent_keys, activity_id,
                    ref_statement_id, registration, "timestamp", stored, voided, voids_statement_id, authority_subject)
                values (?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?,
                    -- a statement that arrives after its voiding statement is voided at once (never a voiding one),
                    -- but only by a voiding statement of the same authority: voiding in advance is the author's alone
                    -- (who else may void it depends on the actor, unknown until the statement arrives)
                    ?::boolean and exists (select 1 from xapi_statement v where v.voids_statement_id = ?
                                           and v.authority_subject = ?),
                    ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 0;
            s.setObject(++i, facts.id());
            s.setString(++i, json);
            s.setString(++i, facts.verbId());
            s.setString(++i, facts.actorKey());
            s.setArray(++i, c.createArrayOf("text", facts.agentKeys().toArray()));
            s.setString(++i, facts.activityId());
            s.setObject(++i, facts.refStatementId());
            s.setObject(++i, facts.registration());
            s.setObject(++i, facts.timestamp());
            s.setObject(++i, stored);
            s.setBoolean(++i, !facts.voiding());
            s.setObject(++i, facts.id());
            s.setString(++i, authoritySubject);
            s.setObject(++i, facts.voidsStatementId());
            s.setString(++i, authoritySubject);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks {@code target} voided, unless it is itself a voiding statement (or not stored yet). */
    public void markVoided(UUID target) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update xapi_statement set voided = true where statement_id = ? and voids_statement_id is null")) {
            s.setObject(1, target);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One page of statements that are not voided, newest stored first (or oldest first when ascending), at most
     * {@code query.limit() + 1} so the caller sees whether there is more. Content filters (agent, verb, activity,
     * registration) also match a statement whose StatementRef object targets a matching statement, recursively,
     * voided targets included; time filters and paging apply to the returned statements themselves.
     */
    /** As {@link #query(StatementQuery, String)} for every statement, whoever stored it. */
    public List<StoredStatement> query(StatementQuery query) {
        return query(query, null);
    }

    /** A page of statements; with {@code authoritySubject}, only those that token subject stored. */
    public List<StoredStatement> query(StatementQuery query, String authoritySubject) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        if (query.filtersByContent()) {
            sql.append("with recursive matched(statement_id) as (select statement_id from xapi_statement where true");
            if (query.agentKey() != null) {
                sql.append(" and agent_keys @> array[?]::text[]");
                params.add(query.agentKey());
            }
            if (query.verbId() != null) {
                sql.append(" and verb_id = ?");
                params.add(query.verbId());
            }
            if (query.activityId() != null) {
                sql.append(" and activity_id = ?");
                params.add(query.activityId());
            }
            if (query.registration() != null) {
                sql.append(" and registration = ?");
                params.add(query.registration());
            }
            sql.append(" union select s.statement_id from xapi_statement s join matched m"
                    + " on s.ref_statement_id = m.statement_id) ");
        }
        sql.append("select seq, statement_id, statement::text, stored, voided from xapi_statement where not voided");
        if (query.filtersByContent()) {
            sql.append(" and statement_id in (select statement_id from matched)");
        }
        if (authoritySubject != null) {
            sql.append(" and authority_subject = ?");
            params.add(authoritySubject);
        }
        if (query.since() != null) {
            sql.append(" and stored > ?");
            params.add(query.since());
        }
        if (query.until() != null) {
            sql.append(" and stored <= ?");
            params.add(query.until());
        }
        if (query.afterSeq() != null) {
            sql.append(query.ascending() ? " and seq > ?" : " and seq < ?");
            params.add(query.afterSeq());
        }
        sql.append(query.ascending() ? " order by seq asc" : " order by seq desc").append(" limit ?");
        params.add(query.limit() + 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            List<StoredStatement> page = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    page.add(row(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<StoredStatement> one(String sql, UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StoredStatement row(ResultSet rs) throws SQLException {
        Timestamp stored = rs.getTimestamp(4);
        return new StoredStatement(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                stored.toInstant().atOffset(ZoneOffset.UTC), rs.getBoolean(5));
    }
}
