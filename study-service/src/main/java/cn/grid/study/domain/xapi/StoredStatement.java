package cn.grid.study.domain.xapi;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A statement as the LRS holds it.
 *
 * @param seq    the store order: strictly increasing with {@code stored}, the key of "more" pages
 * @param json   the statement as sent, with the properties the LRS sets (id if absent, stored, authority,
 *               timestamp if absent, version if absent)
 * @param voided whether a voiding statement targets it (a voiding statement itself is never voided)
 */
public record StoredStatement(long seq, UUID id, String json, OffsetDateTime stored, boolean voided) {
}
