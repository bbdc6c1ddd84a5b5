package cn.grid.grid.api;

import cn.grid.grid.app.CreateGridNode;
import cn.grid.grid.domain.GridLevel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

@Schema(name = "CreateGridNode", description = "A new node of the grid hierarchy.")
public record CreateGridNodeRequest(
        @Schema(examples = "龙华街道") @NotBlank @Size(max = 200) String name,
        @Schema(examples = "STREET") @NotNull GridLevel level,
        @Schema(description = "Unique among the node's siblings", examples = "LH")
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "letters, digits, '_', '.', '-' only")
        String code,
        @Schema(description = "The parent node; null only for a DISTRICT") UUID parentId,
        @Schema(examples = "1200") @PositiveOrZero Integer households,
        @Schema(examples = "3600") @PositiveOrZero Integer residents) {

    CreateGridNode toCommand() {
        return new CreateGridNode(name.strip(), level, code, parentId, households, residents);
    }
}
