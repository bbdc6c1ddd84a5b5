package cn.grid.study.api;

import cn.grid.study.domain.MaterialKind;
import cn.grid.study.domain.StudyMaterial;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "MaterialView", description = "A catalogue entry as stored.")
public record MaterialView(UUID id, MaterialKind kind, String title, String author, String speakerSubject,
        boolean offered, Integer durationMinutes, List<String> tags, String description, String url,
        String createdBy, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static MaterialView of(StudyMaterial m) {
        return new MaterialView(m.id(), m.kind(), m.title(), m.author(), m.speakerSubject(), m.offered(),
                m.durationMinutes(), m.tags().stream().sorted().toList(), m.description(), m.url(), m.createdBy(),
                m.version(), m.createdAt(), m.updatedAt());
    }
}
