package cn.grid.notification.app.webhook;

import cn.grid.notification.config.NotificationConfig;
import cn.grid.notification.domain.webhook.EventTypePatterns;
import cn.grid.notification.domain.webhook.Subscription;
import cn.grid.notification.domain.webhook.SubscriptionStatus;
import cn.grid.notification.domain.webhook.WebhookSignature;
import cn.grid.notification.persistence.WebhookStore;
import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Managing subscriptions. Who may: district administrators and service accounts (any subscription, also those for
 * every grid), and staff over a grid node (grid workers, organisation administrators) for subscriptions limited to
 * that node's subtree. A caller sees only the subscriptions they may manage; anyone else gets 403.
 */
@ApplicationScoped
public class SubscriptionService {

    static final int MAX_EVENT_TYPES = 50;
    static final int MAX_DESCRIPTION = 500;

    private final WebhookStore store;
    private final WebhookUrls urls;
    private final WebhookVerification verification;
    private final Duration secretGrace;

    public SubscriptionService(WebhookStore store, WebhookUrls urls, WebhookVerification verification,
            NotificationConfig config) {
        this.store = store;
        this.urls = urls;
        this.verification = verification;
        this.secretGrace = config.webhooks().secretGracePeriod();
    }

    /** A subscription and, right after its creation or a rotation, its secret (never shown again). */
    public record Saved(Subscription subscription, String secret) {
    }

    public Saved create(SubscriptionCommand command, Caller caller) {
        requireManager(caller);
        Checked checked = check(command, caller);
        urls.checkForSubscription(checked.url());
        UUID id = Ids.newId();
        String secret = WebhookSignature.newSecret();
        // before anything is stored: the receiver must answer the signed challenge
        verification.verify(id, checked.url(), secret);
        OffsetDateTime now = OffsetDateTime.now();
        Subscription subscription = new Subscription(id, checked.url(), checked.eventTypes(), command.gridNodeId(),
                checked.gridPath(), checked.description(), SubscriptionStatus.ACTIVE, secret, null, null,
                caller.subject(), caller.personId() == null ? null : UUID.fromString(caller.personId()), now, now,
                null, null, 0);
        QuarkusTransaction.requiringNew().run(() -> store.insert(subscription));
        return new Saved(get(id, caller), secret);
    }

    public Subscription get(UUID id, Caller caller) {
        requireManager(caller);
        Subscription subscription = store.subscription(id).orElseThrow(() -> DomainProblem.notFound("subscription", id));
        requireMayManage(subscription, caller);
        return subscription;
    }

    public CursorPage<Subscription> list(PageRequest page, Caller caller) {
        requireManager(caller);
        List<String> prefixes = caller.staffOver(null) ? null : caller.reach(true);
        List<Subscription> rows = prefixes != null && prefixes.isEmpty() ? List.of()
                : store.subscriptions(prefixes, page.afterId(), page.limit() + 1);
        // the SQL narrows by subtree; the exact rule (a token's grid_scope too) is the caller's
        List<Subscription> visible = rows.stream().filter(s -> mayManage(s, caller)).toList();
        return page.page(visible, s -> s.id().toString(), s -> s);
    }

    public Subscription replace(UUID id, SubscriptionCommand command, String ifMatch, Caller caller) {
        Subscription current = get(id, caller);
        Checked checked = check(command, caller);
        boolean urlChanged = !current.url().equals(checked.url());
        if (urlChanged) {
            urls.checkForSubscription(checked.url());
            verification.verify(id, checked.url(), current.secret());
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Subscription locked = store.subscriptionForUpdate(id)
                    .orElseThrow(() -> DomainProblem.notFound("subscription", id));
            if (ifMatch != null) {
                IfMatch.check(IfMatch.version(ifMatch), locked.version(), "subscription " + id);
            }
            if (urlChanged && !locked.secret().equals(current.secret())) {
                throw DomainProblem.conflict("the secret was rotated while the new URL was verified; try again");
            }
            SubscriptionStatus status = command.enabled() == null ? locked.status()
                    : command.enabled() ? SubscriptionStatus.ACTIVE : SubscriptionStatus.DISABLED;
            boolean reEnabled = status == SubscriptionStatus.ACTIVE;
            OffsetDateTime disabledAt = reEnabled ? null
                    : locked.status() == SubscriptionStatus.DISABLED ? locked.disabledAt() : OffsetDateTime.now();
            String reason = reEnabled ? null
                    : locked.status() == SubscriptionStatus.DISABLED ? locked.disabledReason()
                            : "disabled by " + caller.subject();
            store.update(new Subscription(id, checked.url(), checked.eventTypes(), command.gridNodeId(),
                    checked.gridPath(), checked.description(), status, locked.secret(), locked.previousSecret(),
                    locked.previousSecretUntil(), locked.ownerSubject(), locked.ownerPersonId(), locked.createdAt(),
                    locked.updatedAt(), disabledAt, reason, locked.version()));
        });
        return get(id, caller);
    }

    /** A new secret; the old one still signs every delivery (a second signature) for the grace period. */
    public Saved rotateSecret(UUID id, Caller caller) {
        get(id, caller);
        String secret = WebhookSignature.newSecret();
        QuarkusTransaction.requiringNew().run(() -> {
            Subscription s = store.subscriptionForUpdate(id).orElseThrow(() -> DomainProblem.notFound("subscription", id));
            store.update(new Subscription(s.id(), s.url(), s.eventTypes(), s.gridNodeId(), s.gridPath(),
                    s.description(), s.status(), secret, s.secret(), OffsetDateTime.now().plus(secretGrace),
                    s.ownerSubject(), s.ownerPersonId(), s.createdAt(), s.updatedAt(), s.disabledAt(),
                    s.disabledReason(), s.version()));
        });
        return new Saved(get(id, caller), secret);
    }

    public void delete(UUID id, Caller caller) {
        get(id, caller);
        QuarkusTransaction.requiringNew().run(() -> store.delete(id));
    }

    // ---- rules -------------------------------------------------------------------------------------------------

    /** Whether the caller may manage this subscription: staff over its subtree, or district-wide for all grids. */
    static boolean mayManage(Subscription subscription, Caller caller) {
        return caller.staffOver(subscription.gridPath());
    }

    private static void requireMayManage(Subscription subscription, Caller caller) {
        if (!mayManage(subscription, caller)) {
            throw DomainProblem.forbidden("only district administrators, service accounts and staff over its grid "
                    + "subtree manage this subscription");
        }
    }

    private static void requireManager(Caller caller) {
        if (!caller.isDistrictWide() && caller.reach(true).isEmpty()) {
            throw DomainProblem.forbidden("webhook subscriptions are managed by district administrators, service "
                    + "accounts and staff over a grid subtree");
        }
    }

    private record Checked(String url, List<String> eventTypes, String gridPath, String description) {
    }

    /** The 422s naming a field, then the 403 of a subtree the caller is not staff over. */
    private Checked check(SubscriptionCommand command, Caller caller) {
        String url = command.url() == null ? null : command.url().trim();
        if (url == null || url.isEmpty()) {
            throw WebhookUrls.refused("required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> types = command.eventTypes() == null ? List.of() : command.eventTypes();
        if (types.isEmpty()) {
            errors.add(new Problem.FieldError("eventTypes", "name at least one event type or prefix pattern"));
        } else if (types.size() > MAX_EVENT_TYPES) {
            errors.add(new Problem.FieldError("eventTypes", "at most " + MAX_EVENT_TYPES + " entries"));
        } else {
            for (int i = 0; i < types.size(); i++) {
                String problem = EventTypePatterns.problem(types.get(i), KnownEventTypes.ALL);
                if (problem != null) {
                    errors.add(new Problem.FieldError("eventTypes[" + i + "]", problem));
                }
            }
        }
        String description = command.description() == null || command.description().isBlank() ? null
                : command.description().trim();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new Problem.FieldError("description", "at most " + MAX_DESCRIPTION + " characters"));
        }
        String gridPath = null;
        if (command.gridNodeId() != null) {
            gridPath = store.gridPath(command.gridNodeId()).orElse(null);
            if (gridPath == null) {
                errors.add(new Problem.FieldError("gridNodeId", "no grid node " + command.gridNodeId() + " is known"));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainProblem(ProblemType.UNPROCESSABLE, errors.get(0).field() + ": " + errors.get(0).message(),
                    errors);
        }
        if (!caller.staffOver(gridPath)) {
            throw DomainProblem.forbidden(gridPath == null
                    ? "a subscription for every grid is for district administrators and service accounts; name a "
                            + "gridNodeId you are staff over"
                    : "you are not staff over grid node " + command.gridNodeId());
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(types.stream().map(Objects::toString).toList()));
        return new Checked(url, distinct, gridPath, description);
    }
}
