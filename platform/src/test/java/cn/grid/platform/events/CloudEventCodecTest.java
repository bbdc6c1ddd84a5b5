package cn.grid.platform.events;

import cn.grid.contracts.events.grid.GridNodeCreatedV1;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTest {

    private final CloudEventCodec codec = new CloudEventCodec(new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    @Test
    void wrapsTypedEventIntoStructuredCloudEventAndReadsItBack() {
        UUID id = UUID.randomUUID();
        GridNodeCreatedV1 created = new GridNodeCreatedV1("n1", "root", "/root/n1/", "GRID", "G01", "第一网格");
        CloudEvent event = codec.wrap("/grid-service", created, id,
                OffsetDateTime.of(2026, 11, 25, 22, 0, 0, 0, ZoneOffset.ofHours(8)));

        String json = codec.write(event);

        assertThat(json).contains("\"specversion\":\"1.0\"", "\"type\":\"cn.grid.grid.node.created.v1\"",
                "\"subject\":\"n1\"", "\"source\":\"/grid-service\"", "\"time\":\"2026-11-25T14:00:00Z\"",
                "\"datacontenttype\":\"application/json\"", "第一网格");
        CloudEvent read = codec.read(json);
        assertThat(read.id()).isEqualTo(id.toString());
        assertThat(codec.data(read, GridNodeCreatedV1.class)).isEqualTo(created);
    }

    @Test
    void theSubjectSequenceTravelsAsAnExtensionAttributeAndAnOldEventHasNone() {
        GridNodeCreatedV1 created = new GridNodeCreatedV1("n1", "root", "/root/n1/", "GRID", "G01", "第一网格");
        String json = codec.write(codec.wrap("/grid-service", created, UUID.randomUUID(), OffsetDateTime.now(), 7L));

        assertThat(json).contains("\"subjectsequence\":7");
        assertThat(codec.read(json).subjectsequence()).isEqualTo(7L);
        String old = codec.write(codec.wrap("/grid-service", created, UUID.randomUUID(), OffsetDateTime.now()));
        assertThat(old).doesNotContain("subjectsequence");
        assertThat(codec.read(old).subjectsequence()).isNull();
        assertThatThrownBy(() -> codec.read(json.replace("\"subjectsequence\":7", "\"subjectsequence\":0")))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void refusesWhatIsNotACloudEvent() {
        assertThatThrownBy(() -> codec.read("{not json")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.read("{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"t\"}"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("specversion");
        assertThatThrownBy(() -> codec.read("{\"specversion\":\"1.0\",\"source\":\"/x\",\"type\":\"t\"}"))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.read("")).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void dataOfTheWrongShapeIsMalformed() {
        CloudEvent event = codec.read("""
                {"specversion":"1.0","id":"%s","source":"/grid-service","type":"cn.grid.grid.node.created.v1",
                 "data":[1,2,3]}""".formatted(UUID.randomUUID()));
        assertThatThrownBy(() -> codec.data(event, GridNodeCreatedV1.class))
                .isInstanceOf(MalformedEventException.class);
    }
}
