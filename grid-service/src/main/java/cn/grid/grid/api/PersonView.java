package cn.grid.grid.api;

import cn.grid.grid.domain.Person;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "Person", description = "A registered person. The identity number is always masked.")
public record PersonView(UUID id, String name,
        @Schema(description = "Whole in the single view, masked (138****5678) in lists") String phone,
        String address,
        @Schema(examples = "**************002X") String idNumber,
        UUID homeNodeId, String subject, long version, OffsetDateTime createdAt) {

    static PersonView of(Person p) {
        return new PersonView(p.id(), p.name(), p.phone(), p.address(), p.maskedIdNumber(), p.homeNodeId(),
                p.subject(), p.version(), p.createdAt());
    }
}
