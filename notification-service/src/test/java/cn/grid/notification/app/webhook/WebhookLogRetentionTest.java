package cn.grid.notification.app.webhook;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery log keeps finished deliveries for the retention (P30D) and waiting ones whatever their age. */
@QuarkusTest
class WebhookLogRetentionTest {

    @Inject
    WebhookLogRetention retention;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void finishedDeliveriesPastTheRetentionGoWithTheirAttemptsAndWaitingOnesStay() throws Exception {
        // a disabled subscription: the sender leaves its waiting delivery alone while the test looks at it
        UUID subscription = UUID.randomUUID();
        sql("""
                insert into webhook_subscription (id, url, event_types, status, secret, owner_subject)
                values (?, 'https://hotline.example.cn/hooks', '{cn.grid.request.*}', 'DISABLED', 'whsec_dGVzdA==',
                    'retention-admin')""", subscription);
        UUID oldSucceeded = delivery(subscription, 1, "SUCCEEDED", 45);
        UUID oldFailed = delivery(subscription, 2, "FAILED", 31);
        UUID recentSucceeded = delivery(subscription, 3, "SUCCEEDED", 29);
        UUID oldWaiting = delivery(subscription, 4, "PENDING", null);
        sql("update webhook_delivery set created_at = now() - interval '90 days' where id = ?", oldWaiting);

        assertThat(retention.purge()).isGreaterThanOrEqualTo(2);

        assertThat(ids("select id from webhook_delivery where subscription_id = ?", subscription))
                .containsExactlyInAnyOrder(recentSucceeded, oldWaiting);
        assertThat(ids("select delivery_id from webhook_attempt where delivery_id in (?, ?)", oldSucceeded, oldFailed))
                .isEmpty();
        assertThat(ids("select delivery_id from webhook_attempt where delivery_id = ?", recentSucceeded))
                .containsExactly(recentSucceeded);
        assertThat(retention.purge()).isZero();
    }

    private UUID delivery(UUID subscription, int seq, String status, Integer completedDaysAgo) throws Exception {
        UUID id = UUID.randomUUID();
        sql("""
                insert into webhook_delivery (id, subscription_id, seq, event_id, event_type, payload, status,
                    attempts, completed_at)
                values (?, ?, ?, ?, 'cn.grid.request.accepted.v1', '{}', ?, 1,
                    case when ?::int is null then null else now() - make_interval(days => ?::int) end)""",
                id, subscription, seq, UUID.randomUUID(), status, completedDaysAgo, completedDaysAgo);
        sql("""
                insert into webhook_attempt (delivery_id, attempt_no, attempted_at, response_code, duration_ms)
                values (?, 1, now(), 200, 12)""", id);
        return id;
    }

    private void sql(String statement, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private List<UUID> ids(String query, Object... args) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }
}
