package cn.grid.grid.domain;

import cn.grid.platform.problem.DomainProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityNumberTest {

    // the standard's worked example (GB 11643-1999, annex): 11010519491231002 completes with X
    private static final String EXAMPLE = "11010519491231002X";

    @Test
    void theCheckCharacterOfTheStandardsExample() {
        assertThat(IdentityNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(IdentityNumber.checkCharacter("44030419900101001")).isEqualTo('1');
    }

    @Test
    void aValidNumberIsKeptWithAnUpperCaseX() {
        assertThat(IdentityNumber.canonical(" 11010519491231002x ", "idNumber")).isEqualTo(EXAMPLE);
    }

    @Test
    void aWrongCheckCharacterIsRefusedByName() {
        assertThatThrownBy(() -> IdentityNumber.canonical("110105194912310021", "idNumber"))
                .isInstanceOf(DomainProblem.class).hasMessageContaining("check digit does not match");
        assertThatThrownBy(() -> IdentityNumber.canonical("1101051949123100", "idNumber"))
                .isInstanceOf(DomainProblem.class).hasMessageContaining("17 digits");
    }

    @Test
    void onlySeventeenDigitsHaveACheckCharacter() {
        assertThatThrownBy(() -> IdentityNumber.checkCharacter("1101051949123100X"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
