package cn.grid.seeds.load;

import cn.grid.seeds.dataset.Dataset;
import cn.grid.seeds.places.People;
import cn.grid.seeds.places.PlaceTree;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TicketPlanTest {

    static final Dataset DATASET = Dataset.read(Path.of(System.getProperty("seeds.dataset", "dataset")));

    static List<TicketLoader.Ticket> plan(String... only) {
        PlaceTree tree = PlaceTree.of(DATASET.places().districts(), Set.of(only));
        return TicketLoader.plan(DATASET.tickets(), tree, People.of(tree));
    }

    @Test
    void chunhuaFiles1509TicketsAllResolvedAnd925RatedHandledByItsGridsPartyMembers() {
        List<TicketLoader.Ticket> csx = plan("CSX");

        assertThat(csx).hasSize(1509);
        assertThat(csx).allMatch(TicketLoader.Ticket::resolve);
        assertThat(csx).filteredOn(TicketLoader.Ticket::rate).hasSize(925);
        assertThat(csx.get(0).key()).isEqualTo("430121-CH-SERVICE-1");
        assertThat(csx.get(0).title()).isEqualTo("为民服务事项第1件");
        assertThat(csx).allSatisfy(t -> assertThat(t.member()).startsWith("seed-ch-pm-"));
    }

    @Test
    void namedTitlesComeFirstThenTheNumberedOnesAndUnresolvedTicketsStayAccepted() {
        List<TicketLoader.Ticket> ns = plan("NS");

        List<TicketLoader.Ticket> wishes = ns.stream().filter(t -> t.key().startsWith("440115-NSJD-WISH-")).toList();
        assertThat(wishes).hasSize(48);
        assertThat(wishes.get(0).title()).isEqualTo("独居老人想要一张轮椅");
        assertThat(wishes.get(4).title()).isEqualTo("微心愿第5个");
        List<TicketLoader.Ticket> tea = ns.stream().filter(t -> t.key().startsWith("440115-DC-TEA-")).toList();
        assertThat(tea).hasSize(177);
        assertThat(tea).filteredOn(TicketLoader.Ticket::resolve).hasSize(125);
        assertThat(tea).noneMatch(TicketLoader.Ticket::rate);
    }

    @Test
    void aDistrictNotLoadedFilesNoTicket() {
        assertThat(plan("XS")).isEmpty();
    }
}
