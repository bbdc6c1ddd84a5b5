package cn.grid.notification.app;

import cn.grid.notification.domain.Notification;
import cn.grid.notification.domain.NotificationDraft;
import cn.grid.notification.domain.Recipient;
import cn.grid.notification.persistence.InboxRepository;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention deletes old notifications, read or not, and keeps each inbox's unread count and seqs right. */
@QuarkusTest
class InboxRetentionTest {

    @Inject
    InboxRetention retention;

    @Inject
    InboxWriter writer;

    @Inject
    InboxRepository inboxes;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void oldNotificationsGoAndTheUnreadCountFollows() throws Exception {
        Recipient dai = Recipient.subject("retention-" + UUID.randomUUID());
        List<Notification> stored = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stored.addAll(deliver(dai));
        }
        // the two oldest are past the retention (P180D); of them the first was read
        age(stored.get(0).id(), 200);
        age(stored.get(1).id(), 181);
        QuarkusTransaction.requiringNew().run(() -> inboxes.markRead(dai, stored.get(0).id(), null));
        // the third was read too, but is recent
        QuarkusTransaction.requiringNew().run(() -> inboxes.markRead(dai, stored.get(2).id(), null));
        assertThat(inboxes.unreadCount(dai)).isEqualTo(2);

        assertThat(retention.purge()).isGreaterThanOrEqualTo(2);

        assertThat(inboxes.page(dai, null, null, false, 10)).extracting(Notification::seq).containsExactly(4L, 3L);
        assertThat(inboxes.unreadCount(dai)).isEqualTo(1);
        assertThat(retention.purge()).isZero();
        // the inbox keeps counting from where it was
        assertThat(deliver(dai)).extracting(Notification::seq).containsExactly(5L);
    }

    private List<Notification> deliver(Recipient recipient) {
        return QuarkusTransaction.requiringNew().call(() -> new ArrayList<>(writer.deliver(List.of(
                new NotificationDraft(recipient, "request.accepted", "已受理", null, null, null, null)),
                UUID.randomUUID(), "cn.grid.request.accepted.v1")));
    }

    private void age(UUID id, int days) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update notification set created_at = now() - make_interval(days => ?) where id = ?")) {
            s.setInt(1, days);
            s.setObject(2, id);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
