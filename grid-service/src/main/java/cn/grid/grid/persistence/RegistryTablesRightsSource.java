package cn.grid.grid.persistence;

import cn.grid.platform.security.PersonRights;
import cn.grid.platform.security.registry.GrantRows;
import cn.grid.platform.security.registry.RegistryRightsSource;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * A login's grants from the registry itself (person, assignment, party_org_membership, team_member), for
 * grid-service's own rights decisions; the other services read their copies (grid-readmodel's {@code ReadModelRightsSource}).
 * A person with no current grant still comes back (with none), so the member's own views know who they are.
 */
@ApplicationScoped
public class RegistryTablesRightsSource implements RegistryRightsSource {

    private static final String GRANTS = """
            select g.kind, g.role, g.node_id, g.node_path, g.org_id, g.team_id, g.start_date, g.end_date,
                   p.id::text, p.name
            from person p
            left join lateral (
                select 'ASSIGNMENT' as kind, a.role, a.node_id::text as node_id, a.node_path, null as org_id,
                       null as team_id, a.start_date, a.end_date
                from assignment a
                where a.person_id = p.id and a.start_date <= ?1 and (a.end_date is null or a.end_date >= ?1)
                union all
                select 'ORG_MEMBERSHIP', m.role, o.grid_node_id::text, o.grid_path, o.id::text, null,
                       m.start_date, m.end_date
                from party_org_membership m join party_org o on o.id = m.org_id
                where m.person_id = p.id and o.status = 'ACTIVE' and m.start_date <= ?1
                  and (m.end_date is null or m.end_date >= ?1)
                union all
                select 'TEAM', tm.role, t.grid_node_id::text, t.grid_path, null, t.id::text, tm.start_date, tm.end_date
                from team_member tm join team t on t.id = tm.team_id
                where tm.person_id = p.id and t.status = 'ACTIVE' and tm.start_date <= ?1
                  and (tm.end_date is null or tm.end_date >= ?1)
            ) g on true
            where p.subject = ?2
            """;

    // JDBC has no numbered parameters: ?1 (the day) repeats, ?2 (the subject) comes last
    private static final int DAY_PARAMETERS = GRANTS.split("\\?1", -1).length - 1;
    private static final String SQL = GRANTS.replace("?1", "?").replace("?2", "?");

    private final AgroalDataSource dataSource;

    public RegistryTablesRightsSource(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public PersonRights load(String subject, LocalDate day) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            Date today = Date.valueOf(day);
            for (int i = 1; i <= DAY_PARAMETERS; i++) {
                statement.setDate(i, today);
            }
            statement.setString(DAY_PARAMETERS + 1, subject);
            return GrantRows.read(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the registry rights of a caller", e);
        }
    }
}
