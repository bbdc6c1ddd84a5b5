package cn.grid.platform.paging;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @Test
    void limitIsClampedAndDefaulted() {
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(20);
        assertThat(PageRequest.of(0, null).limit()).isEqualTo(1);
        assertThat(PageRequest.of(-5, null).limit()).isEqualTo(1);
        assertThat(PageRequest.of(100_000, null).limit()).isEqualTo(100);
    }

    @Test
    void cursorRoundTripsThePosition() {
        String cursor = PageRequest.encode("2026-11-25T10:00:00Z|0193f0a4-0000-7000-8000-000000000001");
        assertThat(PageRequest.of(10, cursor).after()).isEqualTo("2026-11-25T10:00:00Z|0193f0a4-0000-7000-8000-000000000001");
    }

    @Test
    void foreignCursorsAreA400() {
        for (String bad : List.of("!!!", "%%%", PageRequest.encode("\u0000\u0001"), "a")) {
            assertThatThrownBy(() -> PageRequest.of(10, bad))
                    .isInstanceOfSatisfying(DomainProblem.class,
                            p -> assertThat(p.type()).isEqualTo(ProblemType.INVALID_CURSOR));
        }
    }

    @Test
    void pageUsesTheExtraRowOnlyToKnowThereIsMore() {
        PageRequest request = PageRequest.of(2, null);
        CursorPage<String> first = request.page(List.of("a", "b", "c"), Function.identity(), String::toUpperCase);
        assertThat(first.items()).containsExactly("A", "B");
        assertThat(PageRequest.of(2, first.nextCursor()).after()).isEqualTo("b");

        CursorPage<String> last = request.page(List.of("d"), Function.identity(), String::toUpperCase);
        assertThat(last.items()).containsExactly("D");
        assertThat(last.nextCursor()).isNull();
    }
}
