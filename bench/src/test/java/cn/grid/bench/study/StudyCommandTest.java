package cn.grid.bench.study;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StudyCommandTest {

    @Test
    void scenariosAreIndexesAndBlankMeansAll() {
        assertThat(StudyCommand.indexes("1, 4,5")).containsExactly(1, 4, 5);
        assertThat(StudyCommand.indexes("")).isEmpty();
        assertThat(StudyCommand.indexes(null)).isEmpty();
        assertThatThrownBy(() -> StudyCommand.indexes("12")).hasMessageContaining("no scenario 12");
    }
}
