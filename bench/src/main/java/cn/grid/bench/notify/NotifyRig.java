package cn.grid.bench.notify;

import cn.grid.bench.Json;
import cn.grid.bench.Reply;
import cn.grid.bench.faults.Fixture;
import cn.grid.bench.faults.Pace;
import cn.grid.bench.faults.Suite;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the notify bench and the notification fault scenarios share: a person registered in the fixture's grid (the
 * one tickets are dispatched to), their open live stream, a webhook subscription for the grid with the bench's own
 * receiver behind it, and the ledgers of what each channel delivered against the dispatches answered 200.
 */
public final class NotifyRig implements AutoCloseable {

    public static final String SUBSCRIPTIONS = "/api/v1/webhooks/subscriptions";
    public static final String INBOX = "/api/v1/me/notifications";
    static final String DISPATCHED_KIND = "request.dispatched";

    private final Suite suite;
    private final Fixture fixture;
    private final String targetPerson;
    private final String targetToken;
    private final WebhookReceiver receiver;
    private SseListener stream;
    private String subscriptionId;
    /** Every ticket seen on either channel (the warm-up waits on it), and every ticket dispatched with a 200. */
    private final Set<String> seenOnStream = ConcurrentHashMap.newKeySet();
    private final Set<String> seenByWebhook = ConcurrentHashMap.newKeySet();
    private final Set<String> dispatched = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicInteger> dispatchStatuses = new ConcurrentHashMap<>();
    private final List<Long> commandNanos = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Ledger streamLedger = new Ledger();
    private volatile Ledger webhookLedger = new Ledger();

    private NotifyRig(Suite suite, Fixture fixture, String targetPerson, String targetToken, int receiverPort) {
        this.suite = suite;
        this.fixture = fixture;
        this.targetPerson = targetPerson;
        this.targetToken = targetToken;
        this.receiver = new WebhookReceiver(receiverPort, this::delivered);
    }

    /**
     * Registers the person (login {@code notify-<label>-<run>}), starts the receiver and subscribes it to
     * {@code eventTypes} of the fixture's grid (as the district administrator). The person's stream is opened by {@link #warmUp}: a stream is the inbox of whoever
     * the service takes the caller for when it connects, and only once its read models link the login to the person
     * is that the person's inbox.
     */
    public static NotifyRig setUp(Suite suite, Fixture fixture, String label, int receiverPort,
            List<String> eventTypes) throws IOException {
        // a person of their own per rig: one run of the fault harness sets up a rig per scenario
        String subject = "notify-" + label + "-" + suite.run();
        String person = suite.registerPartyMember(subject, "通知对象", fixture.grid());
        NotifyRig rig = new NotifyRig(suite, fixture, person, suite.token(subject, "citizen", null), receiverPort);
        try {
            rig.receiver.start();
            rig.subscribe(eventTypes);
        } catch (IOException | RuntimeException e) {
            rig.close();
            throw e;
        }
        System.out.printf("notify: person %s, subscription %s -> %s (%s)%n", person, rig.subscriptionId,
                rig.receiver.url(), String.join(",", eventTypes));
        return rig;
    }

    private void subscribe(List<String> eventTypes) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", receiver.url());
        body.put("eventTypes", eventTypes);
        body.put("gridNodeId", fixture.grid());
        body.put("description", "bench " + suite.run());
        // the service may not have the new grid in its read model yet: a 4xx naming it, tried again for a minute
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Reply created;
        while (true) {
            try {
                created = suite.post(SUBSCRIPTIONS, suite.admin(), body, Map.of());
            } catch (IOException e) {
                created = Reply.none(e);
            }
            if (created.status() == 201 || created.status() == 401 || created.status() == 403
                    || System.nanoTime() > deadline) {
                break;
            }
            Pace.pause(Duration.ofSeconds(1));
        }
        created.expect(201, "webhook subscription");
        subscriptionId = created.field("id");
        String secret = created.field("secret");   // shown in the creation's answer only
        if (secret == null) {
            throw new IllegalStateException("the subscription's creation answered no secret: " + created.body());
        }
        receiver.secret(secret);
    }

    private void streamed(SseListener.Received r) {
        JsonNode n = r.notification();
        if (!DISPATCHED_KIND.equals(n.path("kind").asText())) {
            return;
        }
        String ticket = n.path("resourceId").asText();
        seenOnStream.add(ticket);
        streamLedger.arrived(ticket, n.path("id").asText(), r.nanos());
    }

    private void delivered(WebhookReceiver.Delivery d) {
        if (d.type() == null || d.subject() == null) {
            return;   // not a CloudEvent (a verification request): nothing to account
        }
        boolean dispatch = d.type().endsWith(".dispatched.v1");
        if (dispatch) {
            seenByWebhook.add(d.subject());
        }
        String key = dispatch ? d.subject() : d.subject() + " " + d.type();
        webhookLedger.arrived(key, String.valueOf(d.webhookId()), d.nanos(), d.subject(), d.subjectSequence());
    }

    /** A ticket of the citizen, submitted and accepted, ready to be dispatched. */
    public Fixture.Accepted prepare() throws IOException {
        return fixture.acceptOneTicket();
    }

    /**
     * A ticket prepared while a load runs, its submitted and accepted events expected by webhook too (for
     * subscriptions to every request event): their commands ran between the two moments taken around the preparation.
     */
    public Fixture.Accepted prepareExpectingItsEvents() throws IOException {
        long sent = System.nanoTime();
        Fixture.Accepted ticket = prepare();
        long answered = System.nanoTime();
        webhookLedger.expect(ticket.id() + " cn.grid.request.submitted.v1", sent, answered);
        webhookLedger.expect(ticket.id() + " cn.grid.request.accepted.v1", sent, answered);
        return ticket;
    }

    /**
     * One ticket dispatched (not measured), until it is in the person's inbox read with their token — the service
     * then knows the person, their login and the grid — and at the receiver (at most {@code atMost}); then the
     * person's stream is opened after that notification (its seq as Last-Event-ID), and is open.
     */
    public void warmUp(Duration atMost) throws IOException {
        Fixture.Accepted ticket = prepare();
        Pace.awaitTrue("request-service knows the person", Duration.ofSeconds(60), () -> {
            try {
                return fixture.dispatch(ticket, targetPerson).status() == 200;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        dispatched.add(ticket.id());
        long t0 = System.nanoTime();
        String[] seq = new String[1];
        Pace.awaitTrue("the warm-up notification in the person's inbox", atMost, () -> {
            seq[0] = seqInInbox(ticket.id());
            return seq[0] != null;
        });
        stream = new SseListener(suite.client(), targetToken, this::streamed).startAfter(seq[0]);
        try {
            Pace.awaitTrue("the person's stream open", Duration.ofSeconds(30), stream::open);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + ": " + stream.lastProblem(), e);
        }
        Pace.awaitTrue("the warm-up webhook", atMost, () -> seenByWebhook.contains(ticket.id()));
        System.out.printf("notify: warm-up ticket in the inbox and by webhook after %.1f s; stream open%n",
                (System.nanoTime() - t0) / 1e9);
    }

    /** The seq of the person's notification about a ticket, from the first page of their inbox, or null. */
    private String seqInInbox(String ticket) {
        try {
            Reply page = suite.send("GET", INBOX + "?kind=" + DISPATCHED_KIND + "&limit=20", targetToken, null,
                    Map.of());
            for (JsonNode item : Json.tree(page.body()).path("items")) {
                if (ticket.equals(item.path("resourceId").asText())) {
                    return item.path("seq").asText();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** From now on the ledgers count: what the warm-up brought is forgotten. */
    public void startCounting() {
        streamLedger = new Ledger();
        webhookLedger = new Ledger();
    }

    /**
     * Dispatches a prepared ticket to the person: the command's 200 is the commit both channels are measured from.
     * Answers the status (0 without an answer).
     */
    public int dispatch(Fixture.Accepted ticket) {
        long sent = System.nanoTime();
        int status;
        try {
            status = fixture.dispatch(ticket, targetPerson).status();
        } catch (IOException e) {
            status = 0;
        }
        long answered = System.nanoTime();
        dispatchStatuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status == 200) {
            commandNanos.add(answered - sent);
            dispatched.add(ticket.id());
            streamLedger.expect(ticket.id(), sent, answered);
            webhookLedger.expect(ticket.id(), sent, answered);
        }
        return status;
    }

    /**
     * Waits until both channels brought every dispatched ticket, as long as something still arrives: at most
     * {@code atMost}, or {@code noProgress} without a new arrival. Answers whether everything arrived.
     */
    public boolean awaitArrivals(Duration atMost, Duration noProgress) {
        long deadline = System.nanoTime() + atMost.toNanos();
        long lastProgress = System.nanoTime();
        int lastCount = -1;
        long lastReport = System.nanoTime();
        while (true) {
            int count = streamLedger.arrivedCount() + webhookLedger.arrivedCount();
            int wanted = streamLedger.expectedCount() + webhookLedger.expectedCount();
            if (count >= wanted) {
                return true;
            }
            long now = System.nanoTime();
            if (count != lastCount) {
                lastCount = count;
                lastProgress = now;
            }
            if (now > deadline || now - lastProgress > noProgress.toNanos()) {
                return false;
            }
            if (now - lastReport > Duration.ofSeconds(30).toNanos()) {
                lastReport = now;
                System.out.printf("  waiting: stream %d of %d, webhooks %d of %d%n", streamLedger.arrivedCount(),
                        streamLedger.expectedCount(), webhookLedger.arrivedCount(), webhookLedger.expectedCount());
            }
            Pace.pause(Duration.ofMillis(100));
        }
    }

    /**
     * The person's inbox read through, page by page: how many of the dispatched tickets it holds, which are missing,
     * and how many notifications repeat a ticket.
     */
    public record InboxCheck(int dispatched, int present, List<String> missing, int twice, int unreadCount) {
        public boolean complete() {
            return missing.isEmpty() && twice == 0;
        }
    }

    public InboxCheck inbox() throws IOException {
        Map<String, Integer> perTicket = new HashMap<>();
        String cursor = null;
        int unread = -1;
        do {
            String path = INBOX + "?kind=" + DISPATCHED_KIND + "&limit=50"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            Reply page = suite.send("GET", path, targetToken, null, Map.of()).expect(200, "the inbox");
            JsonNode tree = Json.tree(page.body());
            if (unread < 0) {
                unread = tree.path("unreadCount").asInt(-1);
            }
            for (JsonNode item : tree.path("items")) {
                perTicket.merge(item.path("resourceId").asText(), 1, Integer::sum);
            }
            cursor = tree.path("nextCursor").isTextual() ? tree.path("nextCursor").asText() : null;
        } while (cursor != null);
        List<String> missing = dispatched.stream().filter(t -> !perTicket.containsKey(t)).sorted().toList();
        int twice = perTicket.entrySet().stream().filter(e -> dispatched.contains(e.getKey()))
                .mapToInt(e -> e.getValue() - 1).sum();
        return new InboxCheck(dispatched.size(), dispatched.size() - missing.size(), missing, twice, unread);
    }

    public Ledger streamLedger() {
        return streamLedger;
    }

    public Ledger webhookLedger() {
        return webhookLedger;
    }

    public WebhookReceiver receiver() {
        return receiver;
    }

    public SseListener stream() {
        return stream;
    }

    public Fixture fixture() {
        return fixture;
    }

    /** The dispatch commands' own time, sent -> 200 (ns). */
    public List<Long> commandNanos() {
        synchronized (commandNanos) {
            return List.copyOf(commandNanos);
        }
    }

    public Map<Integer, Integer> dispatchStatuses() {
        Map<Integer, Integer> m = new TreeMap<>();
        dispatchStatuses.forEach((s, n) -> m.put(s, n.get()));
        return m;
    }

    /** The lines every notify table ends with: signatures, duplicates, order, the stream's connections. */
    public void printChannels(Ledger.Result stream, Ledger.Result webhooks) {
        System.out.printf("dispatch answers: %s%n", dispatchStatuses());
        System.out.printf("webhook signatures (Standard Webhooks, checked on receipt): %s%n", receiver.verdicts());
        System.out.printf("webhooks: %d of %d dispatches delivered, at-least-once duplicates: %d, all with a repeated "
                        + "webhook-id: %s; deliveries of other events (other tickets, types): %d; out of order per ticket "
                        + "(subjectsequence): %d; across tickets against the commands' real-time order: %d%n",
                webhooks.arrived(), webhooks.expected(), webhooks.duplicatesSameId() + webhooks.duplicatesOtherId(),
                webhooks.duplicatesOtherId() == 0 ? "yes" : "NO (" + webhooks.duplicatesOtherId() + " with a new id)",
                webhooks.unexpected(), webhooks.outOfKeyOrder(), webhooks.outOfRealTimeOrder());
        System.out.printf("stream: %d of %d dispatches, repeated: %d, across tickets against real-time order: %d, "
                        + "connections: %d%s%n", stream.arrived(), stream.expected(),
                stream.duplicatesSameId() + stream.duplicatesOtherId(), stream.outOfRealTimeOrder(),
                this.stream.connects(), this.stream.lastProblem() == null ? "" : " (last: " + this.stream.lastProblem() + ")");
    }

    /** Every verified signature and none failed. */
    public boolean signaturesAllValid() {
        Map<WebhookSignature.Verdict, Integer> v = receiver.verdicts();
        return v.keySet().stream().allMatch(k -> k == WebhookSignature.Verdict.VALID);
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
        receiver.close();
        if (subscriptionId != null) {
            try {   // a subscription left behind would send a suite's later events to a closed port for a day
                suite.send("DELETE", SUBSCRIPTIONS + "/" + subscriptionId, suite.admin(), null, Map.of());
            } catch (IOException e) {
                System.out.println("notify: could not delete subscription " + subscriptionId + ": " + e);
            }
        }
    }
}
