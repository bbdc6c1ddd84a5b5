package cn.grid.platform.security.registry;

import cn.grid.platform.security.PersonRights;

import java.time.LocalDate;

/**
 * Reads a login's person and current grants from the service's own copy of the registry: grid-service from its
 * tables, the other services from the read models they keep from grid.events. Never calls another service.
 */
public interface RegistryRightsSource {

    /** PostgreSQL channel on which a change of any row this source reads is announced (payload: the subject, or empty). */
    String CHANGE_CHANNEL = "grid_rights";

    /** The person linked to {@code subject} with the grants that hold on {@code day}; {@link PersonRights#NONE} if none. */
    PersonRights load(String subject, LocalDate day);
}
