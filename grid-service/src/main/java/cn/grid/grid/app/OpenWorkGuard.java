package cn.grid.grid.app;

import cn.grid.grid.domain.GridNode;
import cn.grid.grid.persistence.RequestWorkRepository;
import cn.grid.platform.problem.DomainProblem;
import jakarta.enterprise.context.ApplicationScoped;

/** A node with open citizen tickets cannot retire until they are closed or dispatched to another grid. */
@ApplicationScoped
public class OpenWorkGuard implements RetirementGuard {

    private final RequestWorkRepository work;

    public OpenWorkGuard(RequestWorkRepository work) {
        this.work = work;
    }

    @Override
    public void check(GridNode node) {
        long open = work.openAt(node.id());
        if (open > 0) {
            throw DomainProblem.conflict("node " + node.id() + " still has " + open + " open request ticket(s); "
                    + "close them or dispatch them to another grid first");
        }
    }
}
