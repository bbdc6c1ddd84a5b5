package cn.grid.grid.api;

import cn.grid.grid.app.UpdateGridNode;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "UpdateGridNode", description = "New values for a node; absent fields stay as they are.")
public record UpdateGridNodeRequest(
        @Schema(examples = "龙华街道") @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        String name,
        @Schema(examples = "1250") @PositiveOrZero Integer households,
        @Schema(examples = "3710") @PositiveOrZero Integer residents) {

    UpdateGridNode toCommand() {
        return new UpdateGridNode(name == null ? null : name.strip(), households, residents);
    }
}
