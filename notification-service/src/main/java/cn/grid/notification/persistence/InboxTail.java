package cn.grid.notification.persistence;

import cn.grid.notification.domain.Notification;
import cn.grid.notification.domain.Recipient;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The newest end of an inbox, as its live streams read it: what came after the last notification a stream sent.
 * Plain JDBC on the reader threads of {@link cn.grid.notification.app.NotificationStreams}: each read is one
 * auto-committed query on the primary key {@code (recipient, seq)}, holding a pooled connection only while it runs.
 */
@ApplicationScoped
public class InboxTail {

    private final AgroalDataSource dataSource;

    public InboxTail(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The highest seq committed to the recipient's inbox (0 for an inbox without notifications). */
    public long lastSeq(Recipient recipient) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select coalesce(max(seq), 0) from notification where recipient = ?")) {
            s.setString(1, recipient.key());
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Up to {@code limit} notifications of the recipient with a seq above {@code afterSeq}, in seq order. */
    public List<Notification> after(Recipient recipient, long afterSeq, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        select id, seq, kind, title, body, resource_type, resource_id, grid_node_id, source_event_id,
                               source_event_type, created_at, read_at
                        from notification where recipient = ? and seq > ? order by seq limit ?""")) {
            s.setString(1, recipient.key());
            s.setLong(2, afterSeq);
            s.setInt(3, limit);
            List<Notification> found = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    found.add(new Notification(rows.getObject(1, UUID.class), recipient, rows.getLong(2),
                            rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                            rows.getString(7), rows.getObject(8, UUID.class), rows.getObject(9, UUID.class),
                            rows.getString(10), rows.getObject(11, OffsetDateTime.class),
                            rows.getObject(12, OffsetDateTime.class)));
                }
            }
            return found;
        }
    }
}
