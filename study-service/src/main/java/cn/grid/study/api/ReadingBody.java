package cn.grid.study.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ReadingReport", description = "How far I have read a required book: pages or percent (or both), "
        + "and whether I finished it.")
public record ReadingBody(@Schema(examples = "120") @Min(0) @Max(100000) Integer pagesRead,
        @Schema(examples = "45") @Min(0) @Max(100) Integer percent,
        @Schema(examples = "false") Boolean finished) {
}
