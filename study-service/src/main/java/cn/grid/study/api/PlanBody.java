package cn.grid.study.api;

import cn.grid.study.domain.StudyPlan;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(name = "StudyPlan", description = "A party organisation's study plan for a year (学习计划).")
public record PlanBody(
        @Schema(description = "Fixed once created; a PUT must repeat it") @NotNull UUID orgId,
        @Schema(examples = "2026") @NotNull @Min(2000) @Max(2100) Integer year,
        @Schema(examples = "2026年党史学习教育计划") @NotBlank @Size(max = 200) String title,
        @Schema(description = "重点题目", examples = "[\"深刻铭记中国共产党奋斗的光辉历程\", "
                + "\"中国共产党为什么‘能’？\"]") @Size(max = 50) List<@NotBlank @Size(max = 300) String> topics,
        @Schema(description = "Required books (必读书目): catalogue entries of kind BOOK")
        @Size(max = 50) List<@NotNull UUID> bookIds,
        @Schema(description = "Target: study sessions a month", examples = "1") @Min(0) @Max(31)
        Integer sessionsPerMonth,
        @Schema(description = "Target: share of members reached (全覆盖 = 100)", examples = "100") @Min(0) @Max(100)
        Integer coveragePercent) {

    StudyPlan.Content toContent() {
        return new StudyPlan.Content(title.strip(), topics == null ? List.of() : topics.stream().map(String::strip)
                .toList(), bookIds == null ? List.of() : bookIds, sessionsPerMonth, coveragePercent);
    }
}
