package cn.grid.request.api;

import cn.grid.request.app.SubmitRequest;
import cn.grid.request.domain.Channel;
import cn.grid.request.domain.RequestType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

@Schema(name = "SubmitRequest", description = "A citizen request ticket (点单).")
public record SubmitRequestBody(
        @Schema(examples = "PROBLEM_REPORT") @NotNull RequestType type,
        @Schema(description = "Defaults to APP", examples = "APP") Channel channel,
        @Schema(examples = "大为小区 3 栋水管爆裂") @NotBlank @Size(max = 200) String title,
        @Schema(examples = "楼道里的水管破裂，水漫到了一楼") @Size(max = 4000) String description,
        @Valid Location location,
        @Schema(description = "The grid the problem is in, when the reporter knows it") UUID gridNodeId) {

    @Schema(name = "Location", description = "Where: coordinates (WGS 84) and/or an address.")
    public record Location(
            @Schema(examples = "25.6665") @DecimalMin("-90") @DecimalMax("90") Double lat,
            @Schema(examples = "103.8229") @DecimalMin("-180") @DecimalMax("180") Double lon,
            @Schema(examples = "龙华街道清河社区大为小区 3 栋") @Size(max = 500) String address) {
    }

    SubmitRequest toCommand() {
        return new SubmitRequest(type, channel == null ? Channel.APP : channel, title.strip(), description,
                location == null ? null : location.lat(), location == null ? null : location.lon(),
                location == null ? null : location.address(), gridNodeId);
    }
}
