package cn.grid.notification.app.webhook;

import cn.grid.notification.domain.webhook.Delivery;
import cn.grid.notification.domain.webhook.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Tells a subscription's owner, in their inbox, that it was disabled (in the disabling transaction). */
@ApplicationScoped
public class WebhookOwnerNotice {

    @Transactional(Transactional.TxType.MANDATORY)
    public void disabled(Subscription subscription, Delivery failed, int attempts) {
        // filled in with the inbox (InboxWriter) once the core part is merged
    }
}
