package cn.grid.platform.input;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckedJsonInputTest {

    private static byte[] readAll(byte[] body) throws IOException {
        try (InputStream in = new CheckedJsonInput(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private static String refusedField(String json) {
        return refusedField(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusedField(byte[] body) {
        try {
            readAll(body);
        } catch (HostileInputException e) {
            return e.field();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return null;
    }

    @Test
    void passesOrdinaryJsonThroughUnchanged() throws IOException {
        String json = "{\"title\": \"大为小区 \\\"3\\\" 栋 \\ud83d\\ude00 😀\\t\\n\", \"list\": [1, {\"a\": null}], \"u\": \"\\u00e9\"}";
        assertThat(readAll(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesEscapedControlCharactersNamingTheField() {
        assertThat(refusedField("{\"title\": \"a\\u0000\"}")).isEqualTo("title");
        assertThat(refusedField("{\"contact\": {\"phone\": \"1\", \"name\": \"\\u001F\"}}")).isEqualTo("contact.name");
        assertThat(refusedField("{\"photos\": [\"ok\", \"\\b\"]}")).isEqualTo("photos[1]");
        assertThat(refusedField("{\"a\": 1, \"b\\u0007\": 2}")).isEqualTo("a field name");
        assertThat(refusedField("\"\\f\"")).isEqualTo("body");
    }

    @Test
    void refusesRawControlCharactersInStrings() {
        assertThat(refusedField("{\"title\": \"a\u0001\"}")).isEqualTo("title");
    }

    @Test
    void refusesLoneSurrogatesButNotPairs() {
        assertThat(refusedField("{\"t\": \"\\ud800\"}")).isEqualTo("t");
        assertThat(refusedField("{\"t\": \"\\ud800x\"}")).isEqualTo("t");
        assertThat(refusedField("{\"t\": \"\\ud800\\n\"}")).isEqualTo("t");
        assertThat(refusedField("{\"t\": \"\\udc00\"}")).isEqualTo("t");
        assertThat(refusedField("{\"t\": \"\\ud800\\ud800\"}")).isEqualTo("t");
        assertThat(refusedField("{\"t\": \"\\uD83D\\uDE00\"}")).isNull();
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[][] bad = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xFF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                {(byte) 0xE4, (byte) 0xB8}};
        for (byte[] b : bad) {
            byte[] body = new byte[b.length + 9];
            System.arraycopy("{\"t\": \"".getBytes(StandardCharsets.US_ASCII), 0, body, 0, 7);
            System.arraycopy(b, 0, body, 7, b.length);
            body[b.length + 7] = '"';
            body[b.length + 8] = '}';
            assertThat(refusedField(body)).as("bytes %s", java.util.Arrays.toString(b)).isEqualTo("t");
        }
        // a sequence cut by the end of the body
        assertThatThrownBy(() -> readAll(new byte[]{'"', (byte) 0xE4, (byte) 0xB8})).isInstanceOf(HostileInputException.class);
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String ok = "[".repeat(CheckedJsonInput.MAX_DEPTH) + "]".repeat(CheckedJsonInput.MAX_DEPTH);
        assertThat(refusedField(ok)).isNull();
        assertThat(refusedField("[" + ok + "]")).isNotNull();
        assertThat(refusedField("[".repeat(100_000))).isNotNull();
    }
}
