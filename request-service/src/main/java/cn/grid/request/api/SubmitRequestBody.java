package cn.grid.request.api;

import cn.grid.request.app.SubmitRequest;
import cn.grid.request.domain.Channel;
import cn.grid.request.domain.RequestType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Schema(name = "SubmitRequest", description = "A citizen request ticket (点单).")
public record SubmitRequestBody(
        @Schema(description = "May be left out when category is given", examples = "PROBLEM_REPORT") RequestType type,
        @Schema(description = "A code of the category catalogue (GET /api/v1/request-categories); default: the "
                + "type's general category", examples = "water-pipe") @Size(max = 63) String category,
        @Schema(description = "Defaults to APP", examples = "APP") Channel channel,
        @Schema(examples = "大为小区 3 栋水管爆裂") @NotBlank @Size(max = 200) String title,
        @Schema(examples = "楼道里的水管破裂，水漫到了一楼") @Size(max = 4000) String description,
        @Valid Location location,
        @Schema(description = "The grid the problem is in, when the reporter knows it") UUID gridNodeId,
        @Schema(description = "Photo URLs (http/https), at most 9") @Size(max = 9)
        List<@NotBlank @Size(max = 1000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String> photos,
        @Schema(description = "The category's extra fields by code: strings, numbers, ISO-8601 date-times, a list "
                + "key, or a list of keys", examples = "{\"water_cut\": \"yes\"}") @Size(max = 30)
        Map<@Size(max = 40) String, Object> attributes,
        @Valid Contact contact) {

    @Schema(name = "Contact", description = "How to reach the citizen. Filed by grid staff, it is the contact of the "
            + "citizen on whose behalf they report (代为上报). Masked in lists.")
    public record Contact(@Schema(examples = "李秀英") @Size(max = 50) String name,
            @Schema(examples = "13800001234") @Pattern(regexp = "[0-9+\\- ]{5,20}", message = "digits, +, - and spaces (5-20)")
            String phone) {
    }

    @Schema(name = "Location", description = "Where: coordinates (WGS 84) and/or an address.")
    public record Location(
            @Schema(examples = "25.6665") @DecimalMin("-90") @DecimalMax("90") Double lat,
            @Schema(examples = "103.8229") @DecimalMin("-180") @DecimalMax("180") Double lon,
            @Schema(examples = "龙华街道清河社区大为小区 3 栋") @Size(max = 500) String address) {
    }

    SubmitRequest toCommand() {
        return new SubmitRequest(type, category, channel == null ? Channel.APP : channel, title.strip(), description,
                location == null ? null : location.lat(), location == null ? null : location.lon(),
                location == null ? null : location.address(), gridNodeId, photos, attributes,
                contact == null ? null : contact.name(), contact == null ? null : contact.phone());
    }
}
