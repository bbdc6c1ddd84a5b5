package cn.grid.study;

import cn.grid.testsupport.LayerRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void layersStayHonest() {
        LayerRules.verify("cn.grid.study");
    }
}
