package cn.grid.study.app;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import cn.grid.platform.time.GridCalendar;
import cn.grid.readmodel.grid.GridNodeViews;
import cn.grid.study.domain.OrgMember;
import cn.grid.study.domain.PartyOrg;
import cn.grid.study.persistence.PartyOrgDirectory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may do what over a party organisation: administrators whose grid scope covers the organisation's grid,
 * and its current members (by token subject, from the memberships grid-service announces).
 */
@ApplicationScoped
public class OrgAccess {

    private final PartyOrgDirectory orgs;
    private final GridNodeViews grids;
    private final GridCalendar calendar;

    public OrgAccess(PartyOrgDirectory orgs, GridNodeViews grids, GridCalendar calendar) {
        this.orgs = orgs;
        this.grids = grids;
        this.calendar = calendar;
    }

    /** An organisation named in a request body: 400 naming {@code field} when unknown, 409 when dissolved. */
    public PartyOrg require(UUID orgId, String field) {
        PartyOrg org = orgs.find(orgId).orElseThrow(() -> DomainProblem.invalid(field, "party organisation " + orgId
                + " is not known"));
        if (!org.active()) {
            throw DomainProblem.conflict("party organisation " + orgId + " is " + org.status());
        }
        return org;
    }

    /** An organisation named in a path or query: 404 when unknown. */
    public PartyOrg get(UUID orgId) {
        return orgs.find(orgId).orElseThrow(() -> DomainProblem.notFound("party organisation", orgId));
    }

    public static boolean isAdmin(Caller caller) {
        return caller.hasRole(Roles.ORG_ADMIN) || caller.hasRole(Roles.DISTRICT_ADMIN);
    }

    public boolean isAdminOver(PartyOrg org, Caller caller) {
        return caller.orgAdminOver(org.gridPath());
    }

    /**
     * Reports over an organisation (its members' records, its compliance): its administrators, and service
     * accounts (reporting, the gateway's dashboard) whose scope covers it.
     */
    public void requireReaderOver(PartyOrg org, Caller caller) {
        if (!isReader(caller)) {
            throw DomainProblem.forbidden("only an organisation or district administrator or a service reads this");
        }
        if (!caller.orgAdminOver(org.gridPath()) && !(caller.hasRole(Roles.SERVICE) && caller.covers(org.gridPath()))) {
            throw DomainProblem.forbidden("party organisation " + org.id() + " is outside the organisations the "
                    + "registry makes you administer");
        }
    }

    /** Who reads an organisation's reports, within their scope: administrators and service accounts. */
    public static boolean isReader(Caller caller) {
        return isAdmin(caller) || caller.hasRole(Roles.SERVICE);
    }

    public void requireAdminOver(PartyOrg org, Caller caller) {
        if (!isAdmin(caller)) {
            throw DomainProblem.forbidden("only an organisation or district administrator does this");
        }
        if (!caller.orgAdminOver(org.gridPath())) {
            throw DomainProblem.forbidden("party organisation " + org.id() + " is outside the organisations the "
                    + "registry makes you administer");
        }
    }

    public Optional<OrgMember> membership(PartyOrg org, String subject) {
        return membershipsOf(subject).stream().filter(m -> m.orgId().equals(org.id())).findFirst();
    }

    public List<OrgMember> membershipsOf(String subject) {
        return subject == null ? List.of() : orgs.membershipsOf(subject, calendar.today());
    }

    public List<OrgMember> members(PartyOrg org) {
        return orgs.members(org.id(), calendar.today());
    }

    /**
     * Where an administrator's lists and new materials sit: the subtree where the registry makes the caller staff
     * (narrowed to the token's grid scope, if it has one); null for a district administrator or service that sees
     * everything. Staff of several separate places must name the organisation (400); staff of none get a 403.
     */
    public String scopePath(Caller caller) {
        if (caller.gridScope() == null) {
            if (caller.covers(null)) {
                return null;
            }
            List<String> reach = caller.reach(true);
            if (reach.size() == 1) {
                return reach.get(0);
            }
            if (reach.isEmpty()) {
                throw DomainProblem.forbidden("the registry makes you staff of no grid node or organisation");
            }
            throw DomainProblem.invalid("orgId", "you are staff of " + reach.size() + " separate places; name the "
                    + "organisation");
        }
        UUID node;
        try {
            node = UUID.fromString(caller.gridScope());
        } catch (IllegalArgumentException e) {
            throw DomainProblem.forbidden("your token's grid scope is not a grid node id");
        }
        return grids.find(node).map(n -> n.path()).filter(path -> caller.isDistrictWide() || caller.staffOver(path))
                .orElseThrow(() -> DomainProblem.forbidden("your token's grid node " + node + " is not known here"));
    }
}
