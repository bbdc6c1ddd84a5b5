package cn.grid.seeds.load;

import cn.grid.seeds.gateway.GatewayClient;
import cn.grid.seeds.gateway.Reply;
import cn.grid.seeds.places.Place;
import cn.grid.seeds.places.PlaceTree;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The places, level by level (a parent's id is known before its children are asked for): a place is looked up by
 * code among its parent's children; a district, which has no lookup in the API, by its id in the state file.
 */
final class PlaceLoader {

    private final GatewayClient gateway;
    private final SeedState state;
    private final Tally tally;
    private final Parallel parallel;
    /** Children of a node by code, read once per parent (the lookup that makes places idempotent). */
    private final Map<String, Map<String, String>> childrenByCode = new ConcurrentHashMap<>();

    PlaceLoader(GatewayClient gateway, SeedState state, Tally tally, Parallel parallel) {
        this.gateway = gateway;
        this.state = state;
        this.tally = tally;
        this.parallel = parallel;
    }

    void load(PlaceTree tree) throws Exception {
        List<Place> level = tree.roots();
        while (!level.isEmpty()) {
            parallel.all(level.stream().<Parallel.Item>map(p -> () -> ensure(p)).toList());
            level = level.stream().flatMap(p -> p.children().stream()).toList();
        }
    }

    private void ensure(Place p) {
        String known = state.get("node:" + p.key());
        if (known == null && !p.isRoot()) {
            known = childrenByCode.computeIfAbsent(p.parent().id(), this::childCodes).get(p.code());
        }
        if (known != null) {
            p.identify(known);
            state.put("node:" + p.key(), known);
            tally.found("places");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", p.name());
        body.put("level", p.level());
        body.put("code", p.code());
        if (!p.isRoot()) {
            body.put("parentId", p.parent().id());
        }
        Reply r = gateway.post("/api/v1/grids", gateway.admin(), body);
        if (r.status() == 409 && p.isRoot()) {
            throw new IllegalStateException("district " + p.code() + " exists but its id is not in " + state.file()
                    + " (the API has no lookup of roots); load against the suite whose state file this is");
        }
        p.identify(r.expect(201, "create place " + p.key()).text("id"));
        state.put("node:" + p.key(), p.id());
        tally.created("places");
    }

    private Map<String, String> childCodes(String parentId) {
        Map<String, String> out = new ConcurrentHashMap<>();
        for (JsonNode item : gateway.pages("/api/v1/grids/" + parentId + "/children?limit=200", gateway.admin())) {
            out.put(item.path("code").asText(), item.path("id").asText());
        }
        return out;
    }
}
