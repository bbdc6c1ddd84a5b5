package cn.grid.platform.ids;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

    @Test
    void idsAreVersion7UniqueAndOrderedByMillisecond() {
        Set<UUID> seen = new HashSet<>();
        UUID previous = Ids.newId();
        for (int i = 0; i < 10_000; i++) {
            UUID id = Ids.newId();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(id.getMostSignificantBits() >>> 16).isGreaterThanOrEqualTo(previous.getMostSignificantBits() >>> 16);
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
    }
}
