package cn.grid.grid.api;

import cn.grid.grid.app.RegisterPerson;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

@Schema(name = "RegisterPerson", description = "A person joins the registry. The identity number is validated, "
        + "then kept only as a keyed hash and its last four characters.")
public record RegisterPersonRequest(
        @Schema(examples = "王秀兰") @NotBlank @Size(max = 100) String name,
        @Schema(description = "Mainland mobile or landline", examples = "13812345678")
        @Pattern(regexp = "1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}", message = "must be a mainland mobile or landline number")
        String phone,
        @Schema(examples = "清河社区大为小区 3 栋 2 单元 501") @Size(max = 300) String address,
        @Schema(description = "18-character resident identity number; never returned whole",
                examples = "11010519491231002X") @Size(max = 18) String idNumber,
        @Schema(description = "The node the person lives at (a grid or responsibility area)") @NotNull UUID homeNodeId,
        @Schema(description = "Login subject (sub claim) when the person uses the apps") @Size(max = 100) String subject) {

    RegisterPerson toCommand() {
        return new RegisterPerson(name.strip(), phone, address, idNumber, homeNodeId, subject);
    }
}
