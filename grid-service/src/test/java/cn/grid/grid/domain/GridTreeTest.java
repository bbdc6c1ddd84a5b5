package cn.grid.grid.domain;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The grid tree's rules without a database: levels, paths, moves, retirement. */
class GridTreeTest {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-20T09:00:00+08:00");

    static GridNode district(String code) {
        return GridNode.root(UUID.randomUUID(), GridLevel.DISTRICT, code, code, null, null, NOW);
    }

    static GridNode child(GridNode parent, String code) {
        return parent.addChild(UUID.randomUUID(), parent.level().childLevel(), code, code, null, null, NOW);
    }

    static void assertProblem(Runnable action, ProblemType type, String detailPart) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(DomainProblem.class, p -> {
            assertThat(p.type()).isEqualTo(type);
            assertThat(p.getMessage()).contains(detailPart);
        });
    }

    @Test
    void eachLevelHasExactlyOneChildLevelAndOnlyTheDistrictIsARoot() {
        assertThat(GridLevel.DISTRICT.childLevel()).isEqualTo(GridLevel.STREET);
        assertThat(GridLevel.STREET.childLevel()).isEqualTo(GridLevel.COMMUNITY);
        assertThat(GridLevel.COMMUNITY.childLevel()).isEqualTo(GridLevel.GRID);
        assertThat(GridLevel.GRID.childLevel()).isEqualTo(GridLevel.RESPONSIBILITY_AREA);
        assertThat(GridLevel.RESPONSIBILITY_AREA.childLevel()).isNull();
        assertThat(List.of(GridLevel.values()).stream().filter(GridLevel::isRoot)).containsExactly(GridLevel.DISTRICT);
    }

    @Test
    void onlyADistrictStandsWithoutAParent() {
        GridNode root = district("ZY");
        assertThat(root.parentId()).isNull();
        assertThat(root.depth()).isZero();
        assertThat(root.path()).isEqualTo("/" + root.id() + "/");
        assertThat(root.status()).isEqualTo(NodeStatus.ACTIVE);
        assertProblem(() -> GridNode.root(UUID.randomUUID(), GridLevel.STREET, "PJ", "盘江镇", null, null, NOW),
                ProblemType.VALIDATION, "a STREET node needs a parent; only a DISTRICT is a root");
    }

    @Test
    void aChildIsExactlyOneLevelBelowAndItsPathExtendsTheParents() {
        GridNode root = district("ZY");
        GridNode street = child(root, "PJ");
        GridNode community = child(street, "C1");
        assertThat(community.level()).isEqualTo(GridLevel.COMMUNITY);
        assertThat(community.parentId()).isEqualTo(street.id());
        assertThat(community.depth()).isEqualTo(2);
        assertThat(community.path()).isEqualTo("/" + root.id() + "/" + street.id() + "/" + community.id() + "/");
        assertThat(community.lineage()).containsExactly(root.id(), street.id(), community.id());

        assertProblem(() -> root.addChild(UUID.randomUUID(), GridLevel.COMMUNITY, "X", "X", null, null, NOW),
                ProblemType.VALIDATION, "a child of a DISTRICT node must be a STREET, not a COMMUNITY");
        GridNode area = child(child(community, "G1"), "A1");
        assertProblem(() -> area.addChild(UUID.randomUUID(), GridLevel.RESPONSIBILITY_AREA, "Y", "Y", null, null, NOW),
                ProblemType.VALIDATION, "a RESPONSIBILITY_AREA node has no children");
    }

    @Test
    void updateChangesOnlyWhatIsGiven() {
        GridNode street = child(district("ZY"), "PJ");
        street.update(null, 12000, null, NOW.plusDays(1));
        street.update("盘江镇", null, 40000, NOW.plusDays(2));
        assertThat(street.name()).isEqualTo("盘江镇");
        assertThat(street.households()).isEqualTo(12000);
        assertThat(street.residents()).isEqualTo(40000);
        assertThat(street.updatedAt()).isEqualTo(NOW.plusDays(2));
    }

    @Test
    void aMoveRewritesPathAndDepthUnderTheNewParent() {
        GridNode root = district("ZY");
        GridNode from = child(root, "S1");
        GridNode to = child(root, "S2");
        GridNode community = child(from, "C1");
        community.moveUnder(to, NOW.plusHours(1));
        assertThat(community.parentId()).isEqualTo(to.id());
        assertThat(community.path()).isEqualTo(to.path() + community.id() + "/");
        assertThat(community.depth()).isEqualTo(2);
        assertThat(community.updatedAt()).isEqualTo(NOW.plusHours(1));
    }

    @Test
    void aMoveIntoItsOwnSubtreeIsACycleAndRefused() {
        GridNode root = district("ZY");
        GridNode street = child(root, "S1");
        GridNode community = child(street, "C1");
        GridNode grid = child(community, "G1");
        GridNode otherStreet = child(root, "S2");
        // a street under a street would also break the level rule; a grid under its own area is the pure cycle case
        GridNode area = child(grid, "A1");
        assertProblem(() -> grid.moveUnder(area, NOW), ProblemType.CONFLICT, "would put it inside its own subtree");
        assertProblem(() -> street.moveUnder(street, NOW), ProblemType.CONFLICT, "inside its own subtree");
        assertProblem(() -> community.moveUnder(street, NOW), ProblemType.CONFLICT, "is already under " + street.id());
        assertThat(community.parentId()).isEqualTo(street.id());
        assertThat(otherStreet.path()).doesNotStartWith(street.path());
    }

    @Test
    void aMoveKeepsTheLevelRule() {
        GridNode root = district("ZY");
        GridNode street = child(root, "S1");
        GridNode community = child(street, "C1");
        GridNode otherCommunity = child(street, "C2");
        assertProblem(() -> community.moveUnder(root, NOW), ProblemType.VALIDATION,
                "a COMMUNITY node belongs under a STREET, not under a DISTRICT");
        assertProblem(() -> community.moveUnder(otherCommunity, NOW), ProblemType.VALIDATION,
                "parentId: a COMMUNITY node belongs under a STREET, not under a COMMUNITY");
    }

    @Test
    void aDistrictNeverMoves() {
        GridNode root = district("ZY");
        assertProblem(root::requireMovable, ProblemType.CONFLICT, "a district is a root and cannot move");
        assertProblem(() -> root.moveUnder(district("NS"), NOW), ProblemType.CONFLICT, "a district is a root");
        child(root, "S1").requireMovable();
    }

    @Test
    void nothingMovesUnderOrIsAddedToARetiredNode() {
        GridNode root = district("ZY");
        GridNode retired = child(root, "S1");
        GridNode street = child(root, "S2");
        GridNode community = child(street, "C1");
        retired.retire(NOW);
        assertProblem(() -> community.moveUnder(retired, NOW), ProblemType.CONFLICT,
                "node " + retired.id() + " is retired; nothing can move under it");
        assertProblem(() -> child(retired, "C2"), ProblemType.CONFLICT,
                "parent " + retired.id() + " is retired; no new nodes can be added under it");
    }

    @Test
    void retirementWaitsForActiveChildrenAndHappensOnce() {
        GridNode street = child(district("ZY"), "S1");
        assertProblem(() -> street.requireNoActiveChildren(2), ProblemType.CONFLICT,
                "node " + street.id() + " still has 2 active child node(s); move or retire them first");
        street.requireNoActiveChildren(0);
        street.retire(NOW.plusDays(1));
        assertThat(street.status()).isEqualTo(NodeStatus.RETIRED);
        assertThat(street.updatedAt()).isEqualTo(NOW.plusDays(1));
        assertProblem(() -> street.retire(NOW), ProblemType.CONFLICT, "is retired and cannot be retired");
        assertProblem(() -> street.update("x", null, null, NOW), ProblemType.CONFLICT, "cannot be changed");
        GridNode other = child(district("NS"), "S9");
        assertProblem(() -> street.moveUnder(other, NOW), ProblemType.CONFLICT, "cannot be moved");
    }
}
