package cn.grid.notification.app;

import cn.grid.notification.domain.Notification;
import cn.grid.notification.domain.Recipient;
import cn.grid.notification.persistence.InboxRepository;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A caller's own inbox: reading it page by page and marking it read. Nobody reads or marks another's: every
 * operation works on the one inbox of the caller ({@link #inboxOf}), so another's notification is simply not found.
 */
@ApplicationScoped
public class InboxService {

    /** A kind as the rules name them: {@code request.dispatched}, {@code lecture-order.placed} ... */
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+){0,4}");
    private static final int KIND_MAX = 64;

    private final InboxRepository inboxes;

    public InboxService(InboxRepository inboxes) {
        this.inboxes = inboxes;
    }

    /** One page of the inbox, newest first, with its unread count; {@code nextCursor} null on the last page. */
    public record Page(List<Notification> items, String nextCursor, int unreadCount) {
    }

    /** How many notifications a mark-read call marked, and how many stay unread. */
    public record Marked(int marked, int unreadCount) {
    }

    /**
     * The one inbox a caller reads: their registry person's when the login is linked to one, else their login's.
     * The rules address a person whenever the registry knows the login, so a linked person's notifications are all
     * under {@code person:}.
     */
    public static Recipient inboxOf(Caller caller) {
        Recipient inbox = Recipient.of(caller.personId(), caller.subject());
        if (inbox == null) {
            throw new io.quarkus.security.UnauthorizedException("the token names nobody");
        }
        return inbox;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page page(Caller caller, PageRequest request, String kind, boolean unreadOnly) {
        Recipient inbox = inboxOf(caller);
        String checkedKind = kind(kind);
        Long beforeSeq = beforeSeq(request);
        List<Notification> rows = inboxes.page(inbox, beforeSeq, checkedKind, unreadOnly, request.limit() + 1);
        var page = request.page(rows, n -> Long.toString(n.seq()), n -> n);
        return new Page(page.items(), page.nextCursor(), inboxes.unreadCount(inbox));
    }

    /** Marks one notification of the caller's read; again is fine; another's or an unknown one is a 404. */
    @Transactional
    public void markRead(Caller caller, UUID id) {
        Recipient inbox = inboxOf(caller);
        if (inboxes.markRead(inbox, id, null) == 0 && !inboxes.holds(inbox, id)) {
            throw DomainProblem.notFound("notification", id);
        }
    }

    /** Marks every unread notification of the caller's read, or those up to {@code upToSeq}. */
    @Transactional
    public Marked markAllRead(Caller caller, Long upToSeq) {
        Recipient inbox = inboxOf(caller);
        int marked = inboxes.markRead(inbox, null, upToSeq);
        return new Marked(marked, inboxes.unreadCount(inbox));
    }

    private static String kind(String kind) {
        if (kind == null || kind.isEmpty()) {
            return null;
        }
        if (kind.length() > KIND_MAX || !KIND.matcher(kind).matches()) {
            throw DomainProblem.invalid("kind", "a notification kind such as request.dispatched (lower case, "
                    + "dot-separated, at most " + KIND_MAX + " characters)");
        }
        return kind;
    }

    private static Long beforeSeq(PageRequest request) {
        if (request.after() == null) {
            return null;
        }
        try {
            long seq = Long.parseLong(request.after());
            if (seq < 1) {
                throw new NumberFormatException("not a seq");
            }
            return seq;
        } catch (NumberFormatException e) {
            throw new DomainProblem(ProblemType.INVALID_CURSOR,
                    "cursor is not one this API issued; start again without it");
        }
    }
}
