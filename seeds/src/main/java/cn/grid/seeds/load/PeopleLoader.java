package cn.grid.seeds.load;

import cn.grid.seeds.gateway.GatewayClient;
import cn.grid.seeds.gateway.Reply;
import cn.grid.seeds.places.Appointment;
import cn.grid.seeds.places.People;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic people: each registered at their place and assigned their role there. The API looks people up by
 * id only, so both ids are kept in the state file ({@code person:}, {@code role:} by subject).
 */
final class PeopleLoader {

    private final GatewayClient gateway;
    private final SeedState state;
    private final Tally tally;
    private final Parallel parallel;
    private final LocalDate startDate;

    PeopleLoader(GatewayClient gateway, SeedState state, Tally tally, Parallel parallel, LocalDate startDate) {
        this.gateway = gateway;
        this.state = state;
        this.tally = tally;
        this.parallel = parallel;
        this.startDate = startDate;
    }

    void load(List<Appointment> people) throws Exception {
        parallel.all(people.stream().<Parallel.Item>map(p -> () -> ensure(p)).toList());
    }

    private void ensure(Appointment p) {
        String personId = state.get("person:" + p.subject());
        if (personId == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", People.nameFor(p.subject()));
            body.put("homeNodeId", p.place().id());
            body.put("subject", p.subject());
            body.put("address", p.place().name());
            Reply r = gateway.post("/api/v1/people", gateway.admin(), body);
            if (r.status() == 409) {
                throw new IllegalStateException("person " + p.subject() + " exists but its id is not in "
                        + state.file() + " (the API looks people up by id only)");
            }
            personId = r.expect(201, "register " + p.subject()).text("id");
            state.put("person:" + p.subject(), personId);
            tally.created("people");
        } else {
            tally.found("people");
        }
        if (!state.has("role:" + p.subject())) {
            Reply r = gateway.post("/api/v1/grids/" + p.place().id() + "/assignments", gateway.admin(),
                    Map.of("personId", personId, "role", p.role(), "startDate", startDate.toString()));
            state.put("role:" + p.subject(), r.expect(201, "assign " + p.subject()).text("id"));
            tally.created("roles");
        } else {
            tally.found("roles");
        }
    }
}
