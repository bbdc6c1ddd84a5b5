package cn.grid.seeds.load;

import cn.grid.seeds.dataset.TicketsFile;
import cn.grid.seeds.gateway.GatewayClient;
import cn.grid.seeds.gateway.Reply;
import cn.grid.seeds.places.Appointment;
import cn.grid.seeds.places.People;
import cn.grid.seeds.places.Place;
import cn.grid.seeds.places.PlaceTree;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * request-service's part: each ticket submitted by its citizen with its Idempotency-Key, then taken through its
 * lifecycle (accept, dispatch, sign, start, resolve, rate with If-Match) from wherever it stands, so a second run
 * replays the submit and an interrupted one resumes.
 */
final class TicketLoader {

    private final GatewayClient gateway;
    private final SeedState state;
    private final Tally tally;
    private final Parallel parallel;

    TicketLoader(GatewayClient gateway, SeedState state, Tally tally, Parallel parallel) {
        this.gateway = gateway;
        this.state = state;
        this.tally = tally;
        this.parallel = parallel;
    }

    /** One ticket to file: its key, where, who handles it (a member's subject, or null for the district's). */
    record Ticket(String key, TicketsFile.TicketSpec spec, String title, Place grid, Place district, String member,
            boolean resolve, boolean rate) {
    }

    /**
     * The tickets of the loaded places: template by template, the n-th dealt to the place's grids in turn; 党员接单:
     * where party members are registered, a ticket goes to one of its grid's members (whose satisfied rating
     * study-service credits as practice), elsewhere to the district's handler.
     */
    static List<Ticket> plan(TicketsFile tickets, PlaceTree tree, List<Appointment> people) {
        Map<Place, List<String>> members = new LinkedHashMap<>();
        for (Appointment p : people) {
            if (p.isPartyMember()) {
                members.computeIfAbsent(p.place().grid(), g -> new ArrayList<>()).add(p.subject());
            }
        }
        List<Ticket> out = new ArrayList<>();
        for (TicketsFile.TicketSpec t : tickets.tickets()) {
            Place at = tree.byCode(t.at()).orElse(null);
            if (at == null) {
                continue;
            }
            List<Place> grids = gridsOf(at);
            for (int n = 1; n <= t.count(); n++) {
                Place grid = grids.get((n - 1) % grids.size());
                List<String> here = members.getOrDefault(grid, List.of());
                String handler = here.isEmpty() ? null : here.get((n - 1) / grids.size() % here.size());
                out.add(new Ticket(at.district().code() + "-" + t.key() + "-" + n, t, t.titleOf(n), grid,
                        at.district(), handler, n <= t.resolved(), n <= t.rated()));
            }
        }
        return out;
    }

    static List<Place> gridsOf(Place at) {
        return at.level().equals(Place.GRID) || at.level().equals(Place.RESPONSIBILITY_AREA) ? List.of(at)
                : at.below(Place.GRID);
    }

    void load(TicketsFile tickets, PlaceTree tree, List<Appointment> people) throws Exception {
        // request-service must know the grids (grid.events) before a ticket can be filed in them
        for (TicketsFile.TicketSpec t : tickets.tickets()) {
            Place at = tree.byCode(t.at()).orElse(null);
            if (at != null) {
                for (Place g : gridsOf(at)) {
                    gateway.waitKnown("/api/v1/requests/grid-nodes/" + g.id());
                }
            }
        }
        parallel.all(plan(tickets, tree, people).stream().<Parallel.Item>map(t -> () -> file(t)).toList());
    }

    /** One ticket: submitted by its citizen, then moved on from wherever it stands to its outcome. */
    private void file(Ticket t) {
        String citizen = gateway.token("seed-citizen-" + t.key().toLowerCase(), "citizen", null);
        // the tokens say only who is calling: the registry makes the worker staff and the member a member
        String district = t.district().code().toLowerCase();
        String worker = gateway.token("seed-worker-" + district, "staff", null);
        String handler = t.member() != null ? gateway.token(t.member(), "citizen", null)
                : gateway.token("seed-handler-" + district, "staff", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", t.spec().type());
        body.put("title", t.title());
        body.put("description", t.title());
        body.put("gridNodeId", t.grid().id());
        body.put("contact", Map.of("name", People.nameFor("seed-citizen-" + t.key())));
        Reply r = gateway.post("/api/v1/requests", citizen, body, "seed-" + t.key(), null)
                .expect(201, "submit " + t.key());
        boolean replayed = "true".equals(r.header("Idempotency-Replayed"));
        String id = r.text("id");
        // a replay answers the ticket as it stands now (status and ETag), so the loader carries on from there
        if (replayed) {
            tally.found("tickets");
        } else {
            tally.created("tickets");
        }
        String etag = r.header("ETag");
        String status = r.text("status");
        String path = "/api/v1/requests/" + id + "/";
        boolean moved = false;
        while (true) {
            Reply next;
            switch (status) {
                case "SUBMITTED" -> next = move(path + "accept", worker, etag, null);
                case "ACCEPTED" -> {
                    if (!t.resolve()) {
                        return;
                    }
                    // a registered member gets it by their person id; without one the grid's workers take it
                    next = t.member() != null
                            ? dispatchWhenKnown(path, worker, etag, state.get("person:" + t.member()))
                            : move(path + "dispatch", worker, etag,
                                    Map.of("targetType", "GRID", "targetId", t.grid().id()));
                }
                case "DISPATCHED" -> next = move(path + "sign", handler, etag, null);
                case "SIGNED" -> next = move(path + "start", handler, etag, null);
                case "IN_PROGRESS" -> next = move(path + "resolve", handler, etag,
                        Map.of("outcome", t.spec().outcome(), "notes", "已办结"));
                case "RESOLVED" -> {
                    if (!t.rate()) {
                        return;
                    }
                    next = move(path + "rate", citizen, etag, Map.of("rating", 5, "comment", "很及时，谢谢"));
                }
                default -> {
                    return;
                }
            }
            next.expect(200, status + " " + t.key());
            if (!moved) {
                moved = true;
                if (replayed) {
                    tally.created("ticket-moves-resumed");
                }
            }
            etag = next.header("ETag");
            status = next.text("status");
        }
    }

    private Reply move(String path, String token, String etag, Object body) {
        return gateway.post(path, token, body, null, etag);
    }

    /**
     * Dispatches to a person of the registry. request-service checks the person against its read model, fed by
     * grid.events: until the registration arrived there the dispatch is a 400 that changes nothing, so it is asked
     * again after a pause.
     */
    private Reply dispatchWhenKnown(String path, String worker, String etag, String personId) {
        Reply r = null;
        for (int i = 0; i < 240; i++) {
            r = move(path + "dispatch", worker, etag, Map.of("targetType", "PERSON", "targetId", personId));
            if (r.status() != 400) {
                return r;
            }
            GatewayClient.pause(Duration.ofMillis(250));
        }
        return r;
    }
}
