package cn.grid.notification.app;

import cn.grid.notification.domain.Notification;
import cn.grid.notification.domain.NotificationDraft;
import cn.grid.notification.domain.Recipient;
import cn.grid.notification.persistence.InboxRepository;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** InboxWriter against the real tables: seqs per inbox, unread counts, duplicates, the outbox event. */
@QuarkusTest
class InboxWriterTest {

    @Inject
    InboxWriter writer;

    @Inject
    InboxRepository inboxes;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void eachInboxNumbersItsNotificationsAndCountsThemUnread() throws Exception {
        Recipient anna = Recipient.person(UUID.randomUUID());
        Recipient citizen = Recipient.subject("citizen-" + UUID.randomUUID());
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        List<Notification> one = deliver(first, draft(anna, "request.dispatched"), draft(citizen, "request.accepted"));
        List<Notification> two = deliver(second, draft(anna, "request.overdue"));

        assertThat(one).extracting(Notification::seq).containsExactly(1L, 1L);
        assertThat(two).extracting(Notification::seq).containsExactly(2L);
        assertThat(two.get(0).createdAt()).isNotNull();
        assertThat(two.get(0).readAt()).isNull();
        assertThat(inboxes.unreadCount(anna)).isEqualTo(2);
        assertThat(inboxes.unreadCount(citizen)).isEqualTo(1);
        assertThat(count("select count(*) from outbox_event where event_type = 'cn.grid.notification.created.v1'"
                + " and event_key = ?", anna.key())).isEqualTo(2);
        assertThat(text("select payload::text from outbox_event where event_key = ? order by seq limit 1",
                citizen.key())).contains("\"subject\":\"" + citizen.key().substring(8) + "\"")
                .contains("\"kind\":\"request.accepted\"").contains("\"seq\":1");
    }

    @Test
    void theSameEventTellsNobodyTheSameThingTwiceAndLeavesNoGap() throws Exception {
        Recipient bo = Recipient.person(UUID.randomUUID());
        UUID event = UUID.randomUUID();

        assertThat(deliver(event, draft(bo, "request.submitted"), draft(bo, "request.submitted"))).hasSize(1);
        assertThat(deliver(event, draft(bo, "request.submitted"))).isEmpty();
        // another kind from the same event is another notification
        assertThat(deliver(event, draft(bo, "request.overdue"))).extracting(Notification::seq).containsExactly(2L);
        assertThat(deliver(UUID.randomUUID(), draft(bo, "request.submitted"))).extracting(Notification::seq)
                .containsExactly(3L);
        assertThat(inboxes.unreadCount(bo)).isEqualTo(3);
        assertThat(count("select count(*) from outbox_event where event_key = ?", bo.key())).isEqualTo(3);
    }

    @Test
    void itRunsOnlyInTheCallersTransaction() {
        assertThatThrownBy(() -> writer.deliver(List.of(draft(Recipient.subject("x"), "k")), UUID.randomUUID(), "t"))
                .isInstanceOf(TransactionalException.class);
    }

    @Test
    void aRolledBackDeliveryLeavesNothing() throws Exception {
        Recipient cai = Recipient.person(UUID.randomUUID());
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                writer.deliver(List.of(draft(cai, "request.dispatched")), UUID.randomUUID(), "t");
                throw new IllegalStateException("the caller's work failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(inboxes.unreadCount(cai)).isZero();
        assertThat(count("select count(*) from outbox_event where event_key = ?", cai.key())).isZero();
        assertThat(deliver(UUID.randomUUID(), draft(cai, "request.dispatched"))).extracting(Notification::seq)
                .containsExactly(1L);
    }

    private List<Notification> deliver(UUID event, NotificationDraft... drafts) {
        return QuarkusTransaction.requiringNew().call(() ->
                new ArrayList<>(writer.deliver(List.of(drafts), event, "cn.grid.request.dispatched.v1")));
    }

    static NotificationDraft draft(Recipient recipient, String kind) {
        return new NotificationDraft(recipient, kind, "新工单派给您：楼道灯不亮", "请及时签收", "request",
                UUID.randomUUID().toString(), null);
    }

    private long count(String sql, String key) throws Exception {
        return Long.parseLong(text(sql, key));
    }

    private String text(String sql, String key) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
