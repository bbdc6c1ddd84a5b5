package cn.grid.study.app;

import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import cn.grid.study.domain.PartyOrg;
import cn.grid.study.domain.xapi.Authority;
import cn.grid.study.domain.xapi.XapiClient;

/**
 * Who sends or reads xAPI statements: a bearer token's caller, or LRS client credentials (HTTP Basic). It decides
 * the {@code authority} of what it stores and which statements it reads.
 */
public sealed interface XapiCaller {

    /** The authority the LRS writes into the statements this caller stores. */
    Authority authority();

    /**
     * The author whose statements alone this caller reads, or null when it reads every statement (staff: a
     * statement carries no grid node, so there is no scope to narrow it by).
     */
    String readsOnlyFrom();

    /** A bearer token: a member records for themselves, staff for the members within their reach. */
    record Token(Caller caller, String issuer) implements XapiCaller {

        @Override
        public Authority authority() {
            return new Authority(issuer, caller.subject());
        }

        /**
         * Grid workers, organisation and district administrators, services (roles from the token's coarse roles and
         * the registry's grants); a party member alone is not.
         */
        public boolean staff() {
            return caller.hasRole(Roles.ORG_ADMIN) || caller.hasRole(Roles.DISTRICT_ADMIN)
                    || caller.hasRole(Roles.GRID_WORKER) || caller.hasRole(Roles.SERVICE);
        }

        @Override
        public String readsOnlyFrom() {
            return staff() ? null : caller.subject();
        }
    }

    /**
     * LRS client credentials, scoped to the members of {@code org}'s subtree (the organisation as the read model
     * holds it now, so a moved organisation moves the client's reach). A client reads what it stored.
     */
    record Client(XapiClient client, PartyOrg org, String issuer) implements XapiCaller {

        @Override
        public Authority authority() {
            return new Authority(issuer, client.subject(), client.name());
        }

        @Override
        public String readsOnlyFrom() {
            return client.subject();
        }

        /** Whether an organisation with path {@code orgPath} is the client's or below it. */
        public boolean reaches(String orgPath) {
            return orgPath != null && orgPath.startsWith(org.orgPath());
        }
    }
}
