package cn.grid.platform.input;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictPercentDecodingTest {

    @Test
    void acceptsOrdinaryValues() {
        for (String ok : new String[]{"abc", "%E5%A4%A7%E4%B8%BA", "a+b", "%09tab", "100%25", "%zz", "大为", ""}) {
            assertThatCode(() -> StrictPercentDecoding.check("q", ok, true)).as(ok).doesNotThrowAnyException();
        }
    }

    @Test
    void refusesControlCharactersAndBytesThatAreNotUtf8() {
        for (String bad : new String[]{"%00", "a%01", "%1F", "%ED%A0%80", "%C0%AF", "%FF", "%E4%B8", "a\u0000"}) {
            assertThatThrownBy(() -> StrictPercentDecoding.check("q", bad, true)).as(bad)
                    .isInstanceOf(HostileInputException.class)
                    .extracting(e -> ((HostileInputException) e).field()).isEqualTo("q");
        }
    }
}
