package cn.grid.grid.app;

import java.util.UUID;

/** Use-case input: a person joins the registry, living at {@code homeNodeId}. */
public record RegisterPerson(String name, String phone, String address, String idNumber, UUID homeNodeId,
        String subject) {
}
