package cn.grid.readmodel.grid;

import cn.grid.platform.security.PersonRights;
import cn.grid.platform.security.registry.GrantRows;
import cn.grid.platform.security.registry.RegistryRightsSource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * A login's grants from the grid read models ({@code grid_assignment_view}, {@code party_org_member_view} with
 * {@code party_org_view}, {@code team_view}): the registry as request- and study-service hold it. grid-service,
 * which owns the registry, reads its own tables instead. One round trip, on the indexes by subject.
 */
@DefaultBean
@ApplicationScoped
public class ReadModelRightsSource implements RegistryRightsSource {

    private static final String GRANTS = """
            select 'ASSIGNMENT' as kind, a.role, a.node_id::text as node_id, a.node_path, null as org_id,
                   null as team_id, a.start_date, a.end_date, a.person_id::text as person_id, a.person_name
            from grid_assignment_view a
            where a.subject = ? and a.start_date <= ? and (a.end_date is null or a.end_date >= ?)
            union all
            select 'ORG_MEMBERSHIP', m.role, o.grid_node_id::text, o.grid_path, o.org_id::text, null,
                   m.start_date, m.end_date, m.person_id::text, m.person_name
            from party_org_member_view m join party_org_view o on o.org_id = m.org_id
            where m.subject = ? and o.status = 'ACTIVE' and m.start_date <= ? and (m.end_date is null or m.end_date >= ?)
            union all
            select 'TEAM', member ->> 'role', t.grid_node_id::text, t.grid_path, null, t.team_id::text,
                   null, null, member ->> 'personId', member ->> 'personName'
            from team_view t cross join lateral jsonb_array_elements(t.members) member
            where t.members @> jsonb_build_array(jsonb_build_object('subject', ?::text)) and t.status = 'ACTIVE'
              and member ->> 'subject' = ?
            """;

    private final AgroalDataSource dataSource;

    public ReadModelRightsSource(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public PersonRights load(String subject, LocalDate day) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(GRANTS)) {
            Date today = Date.valueOf(day);
            statement.setString(1, subject);
            statement.setDate(2, today);
            statement.setDate(3, today);
            statement.setString(4, subject);
            statement.setDate(5, today);
            statement.setDate(6, today);
            statement.setString(7, subject);
            statement.setString(8, subject);
            return GrantRows.read(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the registry rights of a caller", e);
        }
    }
}
