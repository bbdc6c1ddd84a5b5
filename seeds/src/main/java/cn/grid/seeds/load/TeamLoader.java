package cn.grid.seeds.load;

import cn.grid.seeds.dataset.PlaceSpec;
import cn.grid.seeds.gateway.GatewayClient;
import cn.grid.seeds.places.Place;
import cn.grid.seeds.places.PlaceTree;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The teams of each place, looked up by name in the place's own team list. */
final class TeamLoader {

    private final GatewayClient gateway;
    private final Tally tally;
    private final Parallel parallel;

    TeamLoader(GatewayClient gateway, Tally tally, Parallel parallel) {
        this.gateway = gateway;
        this.tally = tally;
        this.parallel = parallel;
    }

    /** The teams a place forms: its named ones, then its numbered series. */
    static List<PlaceSpec.TeamSpec> teamsOf(PlaceSpec spec) {
        List<PlaceSpec.TeamSpec> teams = new ArrayList<>(spec.teamsEach());
        PlaceSpec.TeamSeries series = spec.teams();
        if (series != null) {
            for (int i = 1; i <= series.count(); i++) {
                teams.add(new PlaceSpec.TeamSpec(series.kind(), String.format(series.name(), i), series.source()));
            }
        }
        return teams;
    }

    void load(PlaceTree tree) throws Exception {
        List<Parallel.Item> work = new ArrayList<>();
        for (Place n : tree.all()) {
            List<PlaceSpec.TeamSpec> teams = teamsOf(n.spec());
            if (!teams.isEmpty()) {
                work.add(() -> ensure(n, teams));
            }
        }
        parallel.all(work);
    }

    private void ensure(Place n, List<PlaceSpec.TeamSpec> teams) {
        Set<String> existing = new HashSet<>();
        for (JsonNode t : gateway.pages("/api/v1/grids/" + n.id() + "/teams?limit=200", gateway.admin())) {
            // the list has the teams of the subtree too: only the node's own count
            if (n.id().equals(t.path("gridNodeId").asText())) {
                existing.add(t.path("name").asText());
            }
        }
        for (PlaceSpec.TeamSpec t : teams) {
            if (existing.contains(t.name())) {
                tally.found("teams");
                continue;
            }
            gateway.post("/api/v1/grids/" + n.id() + "/teams", gateway.admin(),
                    Map.of("kind", t.kind(), "name", t.name())).expect(201, "form " + t.name());
            tally.created("teams");
        }
    }
}
