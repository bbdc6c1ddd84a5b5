package cn.grid.seeds.places;

import cn.grid.seeds.dataset.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The tree and the people the loader derives from the dataset reproduce the documents' figures. */
class PlaceTreeTest {

    static Dataset dataset;

    @BeforeAll
    static void read() {
        dataset = Dataset.read(Path.of(System.getProperty("seeds.dataset", "dataset")));
    }

    static PlaceTree tree(String... only) {
        return PlaceTree.of(dataset.places().districts(), Set.of(only));
    }

    @Test
    void onlyTakesDistrictsByAliasOrDivisionCode() {
        assertThat(tree("XS").roots()).extracting(Place::code).containsExactly("340603");
        assertThat(tree("340603", "CSX").roots()).extracting(Place::code).containsExactly("430121", "340603");
        assertThat(tree().roots()).hasSize(6);
    }

    @Test
    void qingxiangqiaoHasTwelveCompoundsAndItsPartyMembersJoinTheBranchOfTheirGrid() {
        PlaceTree xs = tree("XS");
        Place community = xs.byKey("340603/SDK/QXQ").orElseThrow();

        assertThat(xs.size()).isEqualTo(19);
        assertThat(community.below(Place.RESPONSIBILITY_AREA)).hasSize(12);
        List<Appointment> members = People.of(xs).stream().filter(Appointment::isPartyMember).toList();
        assertThat(members).hasSize(174);
        assertThat(members).allSatisfy(m -> {
            assertThat(m.branchGrid()).isNotNull();
            assertThat(m.branchGrid().level()).isEqualTo(Place.GRID);
        });
    }

    @Test
    void generatedCommunitiesAndGridsFillAStreetUpToItsCounts() {
        PlaceTree ns = tree("NS");
        Place nansha = ns.byCode("NSJD").orElseThrow();

        // 505 grid branches, one per grid, in 17 communities (金洲社区, the named one, among them)
        assertThat(nansha.below(Place.COMMUNITY)).hasSize(17);
        assertThat(nansha.below(Place.GRID)).hasSize(505);
        assertThat(nansha.children().get(0).name()).isEqualTo("金洲社区");
        assertThat(nansha.children().get(1).code()).isEqualTo("NSJD-C02");
        assertThat(nansha.children().get(1).name()).isEqualTo("南沙街道第2社区");
    }

    @Test
    void peopleCountsAreTheDocumentsFigures() {
        List<Appointment> zy = People.of(tree("ZY"));

        assertThat(zy.stream().filter(a -> a.role().equals("GRID_WORKER"))).hasSize(3278);
        assertThat(zy.stream().filter(a -> a.subject().startsWith("seed-pj-gw-"))).hasSize(206);
        // and the district's two grid heads who accept, dispatch and handle its tickets
        assertThat(zy).filteredOn(a -> a.role().equals("GRID_HEAD")).extracting(Appointment::subject)
                .containsExactly("seed-worker-530303", "seed-handler-530303");
    }

    @Test
    void namesAreDeterministicPerSubject() {
        assertThat(People.nameFor("seed-pj-gw-1")).isEqualTo(People.nameFor("seed-pj-gw-1")).hasSize(3);
        // fixed by the generator's seed (the subject's hash): the names the loader has always given
        assertThat(People.nameFor("seed-admin")).isEqualTo("段文华");
        assertThat(People.nameFor("seed-ch-pm-1")).isEqualTo("任海燕");
    }
}
