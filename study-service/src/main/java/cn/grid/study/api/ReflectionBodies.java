package cn.grid.study.api;

import cn.grid.study.app.SubmitReflection;
import cn.grid.study.domain.Reflection;
import cn.grid.study.domain.ReflectionState;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The JSON shapes of reflections (观后感/心得). */
public final class ReflectionBodies {

    private ReflectionBodies() {
    }

    @Schema(name = "SubmitReflection", description = "My reflection on a session or a material (exactly one).")
    public record Submit(UUID sessionId,
            @Schema(description = "e.g. the education film 《解码中部崛起——促进城乡融合》") UUID materialId,
            @Schema(description = "Only when I belong to several party organisations") UUID orgId,
            @Schema(examples = "农为邦本，本固邦宁，作为农村党员，应该带头发展特色产业，为助推乡村振兴做贡献")
            @NotBlank @Size(max = 5000) String text) {

        SubmitReflection toCommand() {
            return new SubmitReflection(sessionId, materialId, orgId, text);
        }
    }

    @Schema(name = "ReviewNote")
    public record Note(@Schema(examples = "请结合本村产业发展谈谈具体打算") @Size(max = 1000) String note) {
    }

    @Schema(name = "ResubmitReflection")
    public record Resubmit(@NotBlank @Size(max = 5000) String text) {
    }

    @Schema(name = "Reflection", description = "A reflection and its review.")
    public record View(UUID id, UUID sessionId, UUID materialId, UUID orgId, String memberSubject, UUID personId,
            String text, ReflectionState state, String reviewNote, String reviewedBy, OffsetDateTime reviewedAt,
            OffsetDateTime submittedAt, long version, OffsetDateTime createdAt) {

        static View of(Reflection r) {
            return new View(r.id(), r.sessionId(), r.materialId(), r.orgId(), r.memberSubject(), r.personId(),
                    r.text(), r.state(), r.reviewNote(), r.reviewedBy(), r.reviewedAt(), r.submittedAt(),
                    r.version(), r.createdAt());
        }
    }
}
