package cn.grid.notification.app.webhook;

import cn.grid.notification.app.InboxWriter;
import cn.grid.notification.domain.NotificationDraft;
import cn.grid.notification.domain.Recipient;
import cn.grid.notification.domain.webhook.Delivery;
import cn.grid.notification.domain.webhook.Subscription;
import cn.grid.platform.events.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Tells a subscription's owner (the login that created it: their registry person when it has one) in their inbox
 * that it was disabled, in the disabling transaction; the notification's source is the
 * {@code cn.grid.notification.webhook.disabled.v1} event announcing it.
 */
@ApplicationScoped
public class WebhookOwnerNotice {

    /** The inbox kind of the notification. */
    public static final String KIND = "webhook.disabled";

    private final InboxWriter inbox;

    public WebhookOwnerNotice(InboxWriter inbox) {
        this.inbox = inbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void disabled(Subscription subscription, Delivery failed, int attempts, CloudEvent announcement) {
        Recipient owner = Recipient.of(
                subscription.ownerPersonId() == null ? null : subscription.ownerPersonId().toString(),
                subscription.ownerSubject());
        if (owner == null) {
            return;
        }
        String title = "Webhook 已停用：" + abbreviate(subscription.url(), 80);
        String body = "订阅 " + (subscription.description() == null ? subscription.id() : subscription.description())
                + " 的推送连续失败 " + attempts + " 次（超过 24 小时），已停用。请检查接收地址后重新启用，并按需重新推送。"
                + " Delivery " + failed.id() + ": " + failed.lastError();
        inbox.deliver(List.of(new NotificationDraft(owner, KIND, title, body, "webhook-subscription",
                subscription.id().toString(), subscription.gridNodeId())), UUID.fromString(announcement.id()),
                announcement.type());
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
