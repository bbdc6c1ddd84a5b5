package cn.grid.platform;

import cn.grid.testsupport.LayerRules;
import org.junit.jupiter.api.Test;

/** platform stays the technical kit: no service's packages, no event's meaning (see LayerRules). */
class PlatformKitTest {

    @Test
    void platformKnowsNoServiceAndNoEventContent() {
        LayerRules.verifyPlatformKit();
    }
}
