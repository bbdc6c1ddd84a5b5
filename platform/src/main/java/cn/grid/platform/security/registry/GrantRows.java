package cn.grid.platform.security.registry;

import cn.grid.platform.security.Grant;
import cn.grid.platform.security.PersonRights;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one row shape every {@link RegistryRightsSource} selects, read into {@link PersonRights}: grid-service's
 * {@code RegistryTablesRightsSource} (its own tables) and grid-readmodel's {@code ReadModelRightsSource} (the read
 * models) ask different tables the same question, so the answer is read in one place.
 */
public final class GrantRows {

    private GrantRows() {
    }

    /**
     * Rows of (kind, role, node_id, node_path, org_id, team_id, start, end, person_id, person_name) as rights; a row
     * with a null kind is the person without a grant (grid-service knows persons who hold none).
     */
    public static PersonRights read(PreparedStatement statement) throws SQLException {
        List<Grant> grants = new ArrayList<>();
        String personId = null;
        String personName = null;
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (personId == null) {
                    personId = rows.getString(9);
                    personName = rows.getString(10);
                }
                if (rows.getString(1) == null) {
                    continue;
                }
                Date start = rows.getDate(7);
                Date end = rows.getDate(8);
                grants.add(new Grant(Grant.Kind.valueOf(rows.getString(1)), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6),
                        start == null ? null : start.toLocalDate(), end == null ? null : end.toLocalDate()));
            }
        }
        return personId == null ? PersonRights.NONE : new PersonRights(personId, personName, grants);
    }
}
