package cn.grid.study.api;

import cn.grid.study.domain.MaterialKind;
import cn.grid.study.domain.StudyMaterial;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.TreeSet;

@Schema(name = "Material", description = "A catalogue entry: a book (必读书目), an education film (教育片), a "
        + "micro-lecture (微党课) or an article. An offered micro-lecture can be ordered by branches (点单式).")
public record MaterialBody(
        @Schema(examples = "MICRO_LECTURE") @NotNull MaterialKind kind,
        @Schema(examples = "从“春华”到“秋实”：乡村振兴微党课") @NotBlank @Size(max = 200) String title,
        @Schema(description = "Author of a book or article; speaker (主讲人) of a micro-lecture", examples = "吴辉")
        @Size(max = 100) String author,
        @Schema(description = "Micro-lectures: the speaker's token subject, who accepts or declines orders",
                examples = "wu.hui") @Size(max = 100) String speakerSubject,
        @Schema(description = "Micro-lectures: offered for ordering by branches (点单)") Boolean offered,
        @Schema(examples = "30") @Positive @Max(1440) Integer durationMinutes,
        @Schema(examples = "[\"乡村振兴\", \"基层治理\"]") @Size(max = 10)
        List<@NotBlank @Size(max = 30) String> tags,
        @Schema(examples = "本土讲师开发的庭院微党课，以小故事讲好大道理") @Size(max = 2000) String description,
        @Schema(examples = "https://example.cn/lectures/chunhua") @Size(max = 500)
        @Pattern(regexp = "https?://\\S+", message = "an http(s) address") String url) {

    StudyMaterial.Content toContent() {
        TreeSet<String> cleanTags = new TreeSet<>();
        if (tags != null) {
            tags.forEach(t -> cleanTags.add(t.strip()));
        }
        return new StudyMaterial.Content(kind, title.strip(), blankToNull(author), blankToNull(speakerSubject),
                Boolean.TRUE.equals(offered), durationMinutes, cleanTags, blankToNull(description), blankToNull(url));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
