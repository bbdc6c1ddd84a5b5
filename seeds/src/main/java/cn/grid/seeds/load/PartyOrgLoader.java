package cn.grid.seeds.load;

import cn.grid.seeds.dataset.PlaceSpec;
import cn.grid.seeds.gateway.GatewayClient;
import cn.grid.seeds.places.Appointment;
import cn.grid.seeds.places.Place;
import cn.grid.seeds.places.PlaceTree;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The party organisations (a root, one per community, its extra branches, one branch per grid) and the members
 * who join the branch of their grid. Organisations are looked up by id only, so their ids are kept in the state
 * file by the place they belong to ({@code org:<code path>}, {@code org:<community>#<branch type>}), and the
 * memberships by subject ({@code member:}).
 */
final class PartyOrgLoader {

    private final GatewayClient gateway;
    private final SeedState state;
    private final Tally tally;
    private final Parallel parallel;
    private final LocalDate startDate;

    PartyOrgLoader(GatewayClient gateway, SeedState state, Tally tally, Parallel parallel, LocalDate startDate) {
        this.gateway = gateway;
        this.state = state;
        this.tally = tally;
        this.parallel = parallel;
        this.startDate = startDate;
    }

    void load(PlaceTree tree, List<Appointment> people) throws Exception {
        for (Place n : tree.all()) {
            PlaceSpec.OrgsSpec orgs = n.spec().orgs();
            if (orgs == null) {
                continue;
            }
            Place rootAt = orgs.root().atParent() ? n.parent() : n;
            String rootId = ensure("org:" + rootAt.key(), orgs.root().name(), orgs.root().kind(), null, null, rootAt);
            List<Place> communities = n.level().equals(Place.COMMUNITY) ? List.of(n) : n.below(Place.COMMUNITY);
            List<Parallel.Item> work = new ArrayList<>();
            for (Place c : communities) {
                work.add(() -> {
                    String cid = ensure("org:" + c.key(), String.format(orgs.community().name(), c.name()),
                            orgs.community().kind(), null, rootId, c);
                    for (PlaceSpec.OrgSpec x : orgs.extraBranches()) {
                        ensure("org:" + c.key() + "#" + x.branchType(), x.name(), "BRANCH", x.branchType(), cid, c);
                    }
                    for (Place g : c.below(Place.GRID)) {
                        ensure("org:" + g.key(), String.format(orgs.gridBranch().name(), g.name()), "BRANCH",
                                orgs.gridBranch().branchType(), cid, g);
                    }
                });
            }
            parallel.all(work);
        }
        // the members who join the branch of their grid (庆相桥社区: all 174)
        parallel.all(people.stream().filter(p -> p.branchGrid() != null).<Parallel.Item>map(p -> () -> join(p))
                .toList());
    }

    private void join(Appointment p) {
        if (state.has("member:" + p.subject())) {
            tally.found("memberships");
            return;
        }
        String org = state.get("org:" + p.branchGrid().key());
        String id = gateway.post("/api/v1/party-orgs/" + org + "/members", gateway.admin(),
                Map.of("personId", state.get("person:" + p.subject()), "startDate", startDate.toString()))
                .expect(201, "join " + p.subject()).text("id");
        state.put("member:" + p.subject(), id);
        tally.created("memberships");
    }

    private String ensure(String key, String name, String kind, String branchType, String parentId, Place at) {
        String known = state.get(key);
        if (known != null) {
            tally.found("organisations");
            return known;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        if (branchType != null) {
            body.put("branchType", branchType);
        }
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        body.put("gridNodeId", at.id());
        String id = gateway.post("/api/v1/party-orgs", gateway.admin(), body).expect(201, "found " + name).text("id");
        state.put(key, id);
        tally.created("organisations");
        return id;
    }
}
