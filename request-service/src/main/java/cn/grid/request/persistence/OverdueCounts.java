package cn.grid.request.persistence;

import cn.grid.request.domain.SlaStage;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many tickets have a clock overdue now, per stage: the marks sit on running clocks only (a move that stops a
 * clock clears its mark), so this is the open, late work. Plain JDBC: it is read by the metrics scrape, outside any
 * request or transaction, through the overdue marks' partial index.
 */
@ApplicationScoped
public class OverdueCounts {

    private final AgroalDataSource dataSource;

    public OverdueCounts(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Map<SlaStage, Long> now() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("""
                        select count(*) filter (where respond_overdue), count(*) filter (where sign_overdue),
                               count(*) filter (where resolve_overdue)
                        from service_request where respond_overdue or sign_overdue or resolve_overdue""")) {
            r.next();
            Map<SlaStage, Long> counts = new EnumMap<>(SlaStage.class);
            counts.put(SlaStage.RESPOND, r.getLong(1));
            counts.put(SlaStage.SIGN, r.getLong(2));
            counts.put(SlaStage.RESOLVE, r.getLong(3));
            return counts;
        }
    }
}
