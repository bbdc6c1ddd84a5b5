package cn.grid.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void readsTopLevelFieldsOnlyNotNestedOnes() {
        String body = "{\"contact\":{\"id\":\"nested\"},\"id\":\"top\",\"version\":3,\"assignee\":null}";

        assertThat(Json.text(body, "id")).isEqualTo("top");
        assertThat(Json.text(body, "version")).isEqualTo("3");
        assertThat(Json.number(body, "version")).isEqualTo(3L);
        assertThat(Json.text(body, "assignee")).isNull();
        assertThat(Json.text(body, "contact")).as("an object is no text").isNull();
        assertThat(Json.text(body, "missing")).isNull();
    }

    @Test
    void anAnswerThatIsNoJsonHasNoFields() {
        assertThat(Json.text("<html>502 Bad Gateway</html>", "id")).isNull();
        assertThat(Json.text("", "id")).isNull();
        assertThat(Json.text(null, "id")).isNull();
    }

    @Test
    void escapedTextIsDecoded() {
        assertThat(Json.text("{\"title\":\"\\\"引号\\\" \\u7f51\\u683c\"}", "title")).isEqualTo("\"引号\" 网格");
    }
}
