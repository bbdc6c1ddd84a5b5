package cn.grid.grid.app;

import java.util.UUID;

/**
 * Use-case input: the caller asks to be registered as a party member at the grid {@code nodeId} where they live
 * (居住地报到), optionally naming their work organisation (双报到).
 */
public record SubmitRegistration(UUID nodeId, String workOrganisation) {
}
