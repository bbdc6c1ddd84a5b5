package cn.grid.seeds.load;

import cn.grid.seeds.dataset.Dataset;
import cn.grid.seeds.gateway.GatewayClient;
import cn.grid.seeds.places.Appointment;
import cn.grid.seeds.places.People;
import cn.grid.seeds.places.PlaceTree;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One load of the dataset through the gateway, section by section (places, people, organisations, teams, study,
 * tickets); the state file is saved after each section, whether it ended well or not.
 */
public final class SeedRun {

    /** What a run loads, from where, to where. */
    public record Options(String gateway, Path dataset, Set<String> only, int concurrency, Path stateFile) {
    }

    private interface Section {
        void run() throws Exception;
    }

    private final Options options;

    public SeedRun(Options options) {
        this.options = options;
    }

    public void run() throws Exception {
        long t0 = System.nanoTime();
        Dataset dataset = Dataset.read(options.dataset());
        PlaceTree tree = PlaceTree.of(dataset.places().districts(), options.only());
        List<Appointment> people = People.of(tree);
        GatewayClient gateway = new GatewayClient(options.gateway());
        SeedState state = new SeedState(options.stateFile());
        Tally tally = new Tally();
        state.load(tree.all(), gateway);
        System.out.printf("seeds: %d places in %s, through %s, %d at a time%n", tree.size(),
                options.only().isEmpty() ? "all districts" : String.join(",", new TreeSet<>(options.only())),
                gateway.base(), options.concurrency());
        try (Parallel parallel = new Parallel(options.concurrency())) {
            var startDate = dataset.places().startDate();
            section("places", state, () -> new PlaceLoader(gateway, state, tally, parallel).load(tree));
            section("people", state,
                    () -> new PeopleLoader(gateway, state, tally, parallel, startDate).load(people));
            section("organisations", state,
                    () -> new PartyOrgLoader(gateway, state, tally, parallel, startDate).load(tree, people));
            section("teams", state, () -> new TeamLoader(gateway, tally, parallel).load(tree));
            section("study", state, () -> new StudyLoader(gateway, tally, parallel).load(dataset.study(), tree));
            section("tickets", state,
                    () -> new TicketLoader(gateway, state, tally, parallel).load(dataset.tickets(), tree, people));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("seeds: done in %.1f s; created %d (%s), already there %s%n", ms / 1000.0,
                tally.createdTotal(), tally.createdByKind(), tally.foundByKind());
    }

    private static void section(String name, SeedState state, Section section) throws Exception {
        long t = System.nanoTime();
        try {
            section.run();
        } finally {
            state.save();
        }
        System.out.printf("seeds: %-14s %6.1f s%n", name, (System.nanoTime() - t) / 1e9);
    }
}
