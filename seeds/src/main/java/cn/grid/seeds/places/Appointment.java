package cn.grid.seeds.places;

/**
 * One synthetic person of the dataset and the role they hold.
 *
 * @param subject    their login, {@code seed-<place>-<role>-<n>}: the natural key of the person
 * @param place      where they live and hold the role
 * @param role       GRID_WORKER, PARTY_MEMBER, SERVICE_SPECIALIST, GRID_HEAD ...
 * @param branchGrid the grid whose party branch they join, or null
 */
public record Appointment(String subject, Place place, String role, Place branchGrid) {

    public boolean isPartyMember() {
        return role.equals("PARTY_MEMBER");
    }
}
