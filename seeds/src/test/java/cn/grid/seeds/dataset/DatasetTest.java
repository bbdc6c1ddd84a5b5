package cn.grid.seeds.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetTest {

    static final Path DATASET = Path.of(System.getProperty("seeds.dataset", "dataset"));

    @Test
    void everyFileOfTheDatasetReadsIntoItsRecords() {
        Dataset d = Dataset.read(DATASET);

        assertThat(d.places().startDate()).isEqualTo(LocalDate.of(2021, 3, 1));
        assertThat(d.places().districts()).extracting(PlaceSpec::alias)
                .containsExactly("ZY", "XLT", "NS", "CSX", "TY", "XS");
        assertThat(d.places().districts()).extracting(PlaceSpec::code)
                .containsExactly("530303", "211103", "440115", "430121", "430725", "340603");
        assertThat(d.study().books().titles()).hasSize(4);
        assertThat(d.study().films().titles()).hasSize(4).contains("解码中部崛起——促进城乡融合");
        assertThat(d.study().microLectures().count()).isEqualTo(35);
        assertThat(d.study().sessions()).extracting(StudyFile.SessionSpec::count).containsExactly(1, 5, 20, 1, 400, 1);
        assertThat(d.tickets().tickets()).hasSize(8);
        TicketsFile.TicketSpec chunhua = d.tickets().tickets().get(0);
        assertThat(chunhua.key()).isEqualTo("CH-SERVICE");
        assertThat(chunhua.count()).isEqualTo(1509);
        assertThat(chunhua.resolved()).as("resolved defaults to all").isEqualTo(1509);
        assertThat(chunhua.rated()).isEqualTo(925);
    }

    @Test
    void theOptionalPartsOfAPlaceDefaultToEmpty() {
        PlaceSpec xs = Dataset.read(DATASET).places().districts().get(5);
        PlaceSpec qxq = xs.children().get(0).children().get(0);

        assertThat(qxq.name()).isEqualTo("庆相桥社区");
        assertThat(qxq.teamsEach()).hasSize(6);
        assertThat(qxq.orgs().root().atParent()).isTrue();
        assertThat(qxq.people().get("PARTY_MEMBER").joinBranch()).isTrue();
        assertThat(qxq.people().get("PARTY_MEMBER").at()).isEqualTo("RESPONSIBILITY_AREA");
        PlaceSpec panjiang = Dataset.read(DATASET).places().districts().get(0).children().get(0);
        assertThat(panjiang.people().get("GRID_WORKER").at()).as("default level").isEqualTo("GRID");
        assertThat(panjiang.people().get("GRID_WORKER").joinBranch()).as("default").isFalse();
        assertThat(xs.people()).isEmpty();
        assertThat(xs.teamsEach()).isEmpty();
        assertThat(xs.orgs()).isNull();
    }

    @Test
    void aFieldTheRecordsDoNotKnowIsRefusedWithItsNameAndPlace(@TempDir Path dir) throws IOException {
        copyDataset(dir);
        Path places = dir.resolve("places.json");
        // a typo: "chidren" instead of "children"
        Files.writeString(places, Files.readString(places).replaceFirst("\"children\"", "\"chidren\""));

        assertThatThrownBy(() -> Dataset.read(dir))
                .isInstanceOf(Dataset.InvalidDatasetException.class)
                .hasMessageContaining("places.json")
                .hasMessageContaining("\"chidren\"")
                .hasMessageContaining("PlaceSpec");
    }

    @Test
    void anUnknownFieldInTheTicketsIsRefusedToo(@TempDir Path dir) throws IOException {
        copyDataset(dir);
        Path tickets = dir.resolve("tickets.json");
        Files.writeString(tickets, Files.readString(tickets).replaceFirst("\"rated\"", "\"rating\""));

        assertThatThrownBy(() -> Dataset.read(dir)).hasMessageContaining("tickets.json")
                .hasMessageContaining("\"rating\"");
    }

    @Test
    void aMissingRequiredFieldIsRefused(@TempDir Path dir) throws IOException {
        copyDataset(dir);
        Path study = dir.resolve("study.json");
        Files.writeString(study, Files.readString(study).replaceFirst("\"at\": \"HX\", ", ""));

        assertThatThrownBy(() -> Dataset.read(dir)).hasMessageContaining("study.json")
                .hasMessageContaining("missing required field 'sessions.at'");
    }

    @Test
    void aCountThatIsNoNumberIsRefused(@TempDir Path dir) throws IOException {
        copyDataset(dir);
        Path tickets = dir.resolve("tickets.json");
        Files.writeString(tickets, Files.readString(tickets).replaceFirst("\"count\": 1509", "\"count\": \"many\""));

        assertThatThrownBy(() -> Dataset.read(dir)).hasMessageContaining("tickets.json")
                .hasMessageContaining("count");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> Dataset.read(dir)).isInstanceOf(Dataset.InvalidDatasetException.class)
                .hasMessageContaining("places.json");
    }

    static void copyDataset(Path dir) throws IOException {
        for (String f : new String[] {"places.json", "study.json", "tickets.json"}) {
            Files.copy(DATASET.resolve(f), dir.resolve(f));
        }
    }
}
