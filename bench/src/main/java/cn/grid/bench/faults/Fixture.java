package cn.grid.bench.faults;

import cn.grid.bench.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import cn.grid.bench.Json;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * What every scenario works on, made at the start of a run: a grid of its own (codes carry the run id), a
 * citizen, a grid worker of the grid and a party member registered in it.
 */
public final class Fixture {

    final Suite suite;
    final String citizen;
    final String worker;
    final String grid;
    final String memberPerson;
    final String memberToken;

    private Fixture(Suite suite, String citizen, String worker, String grid, String memberPerson,
            String memberToken) {
        this.suite = suite;
        this.citizen = citizen;
        this.worker = worker;
        this.grid = grid;
        this.memberPerson = memberPerson;
        this.memberToken = memberToken;
    }

    public static Fixture setUp(Suite suite) throws IOException {
        String run = suite.run();
        String admin = suite.admin();
        String citizen = suite.token("faults-citizen-" + run, "citizen", null);
        String district = suite.node("故障演练区 " + run, "DISTRICT", null);
        String street = suite.node("演练街道", "STREET", district);
        String community = suite.node("演练社区", "COMMUNITY", street);
        String grid = suite.node("演练网格", "GRID", community);
        // the registry makes the worker a 网格员 of the grid; the token says only "staff"
        suite.registerWorker("faults-worker-" + run, grid);
        String worker = suite.token("faults-worker-" + run, "staff", null);
        Pace.awaitTrue("request-service knows the grid", Duration.ofSeconds(60),
                () -> suite.status("/api/v1/requests/grid-nodes/" + grid, admin) == 200);
        String memberSubject = "faults-member-" + run;
        String memberPerson = suite.registerPartyMember(memberSubject, "演练党员", grid);
        String memberToken = suite.token(memberSubject, "citizen", null);
        System.out.printf("run %s: grid %s, party member %s%n", run, grid, memberPerson);
        return new Fixture(suite, citizen, worker, grid, memberPerson, memberToken);
    }

    /** Submits, dispatches, takes, resolves and rates one ticket; answers System.nanoTime() at the rating's 200. */
    long rateOneTicket() throws IOException {
        return rate(resolveOneTicket());
    }

    /** A ticket of the citizen submitted, accepted by the worker: answers its id and its ETag after the accept. */
    public Accepted acceptOneTicket() throws IOException {
        String id = suite.post("/api/v1/requests", citizen, Map.of("category", "neighbour-dispute", "title",
                "楼道堆物 " + UUID.randomUUID(), "gridNodeId", grid), Map.of("Idempotency-Key",
                UUID.randomUUID().toString())).expect(201, "submit").field("id");
        Reply accepted = suite.move(worker, id, "accept", null).expect(200, "accept");
        return new Accepted(id, accepted.headers().firstValue("ETag").orElse(null));
    }

    /** A submitted and accepted ticket; {@code etag} the one its accept answered (null when it sent none). */
    public record Accepted(String id, String etag) {
    }

    /** The worker dispatches an accepted ticket to a person: the answer (200, or 400 while a read model lags). */
    public Reply dispatch(Accepted ticket, String personId) throws IOException {
        Map<String, String> body = Map.of("targetType", "PERSON", "targetId", personId);
        if (ticket.etag() == null) {
            return suite.move(worker, ticket.id(), "dispatch", body);
        }
        return suite.post("/api/v1/requests/" + ticket.id() + "/dispatch", worker, body,
                Map.of("If-Match", ticket.etag()));
    }

    /** A ticket dispatched to the party member, signed, started and resolved by them: ready to be rated. */
    public String resolveOneTicket() throws IOException {
        String id = acceptOneTicket().id();
        // by the member's person id: a 400 (request-service has not heard of the registration yet) changes nothing
        Map<String, String> dispatch = Map.of("targetType", "PERSON", "targetId", memberPerson);
        Pace.awaitTrue("request-service knows the party member", Duration.ofSeconds(60), () -> {
            try {
                Reply reply = suite.move(worker, id, "dispatch", dispatch);
                if (reply.status() != 200 && reply.status() != 400) {
                    reply.expect(200, "dispatch");
                }
                return reply.status() == 200;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        suite.move(memberToken, id, "sign", null).expect(200, "sign");
        suite.move(memberToken, id, "start", null).expect(200, "start");
        suite.move(memberToken, id, "resolve", Map.of("outcome", "FIXED", "notes", "已清理")).expect(200, "resolve");
        return id;
    }

    /** The citizen rates a resolved ticket satisfied (5); answers System.nanoTime() at the rating's 200. */
    public long rate(String id) throws IOException {
        suite.move(citizen, id, "rate", Map.of("rating", 5, "comment", "满意")).expect(200, "rate");
        return System.nanoTime();
    }

    public Suite suite() {
        return suite;
    }

    /** The fixture's grid node id. */
    public String grid() {
        return grid;
    }

    /** The party member's points balance in study-service, or -1 when it cannot be read. */
    public int points() {
        try {
            Reply reply = suite.send("GET", "/api/v1/study/members/" + memberPerson + "/points", suite.admin(), null,
                    Map.of());
            if (reply.status() != 200) {
                return -1;
            }
            JsonNode balance = Json.tree(reply.body()).get("balance");
            return balance != null && balance.isNumber() ? balance.asInt() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
