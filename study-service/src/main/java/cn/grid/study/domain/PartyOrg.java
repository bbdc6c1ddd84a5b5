package cn.grid.study.domain;

import java.util.UUID;

/** A party organisation as this service knows it from grid events ({@code party_org_view}). */
public record PartyOrg(UUID id, String orgPath, String name, UUID gridNodeId, String gridPath, String status) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
