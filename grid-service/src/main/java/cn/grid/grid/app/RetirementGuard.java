package cn.grid.grid.app;

import cn.grid.grid.domain.GridNode;

/**
 * Something that must be gone before a node may retire (active assignments, party organisations, teams ...).
 * Each owner of such things contributes a guard bean; {@link GridNodeService#retire} asks them all.
 */
public interface RetirementGuard {

    /** Throws a 409 {@code DomainProblem} naming what still remains at {@code node}. */
    void check(GridNode node);
}
