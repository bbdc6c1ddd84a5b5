package cn.grid.grid.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "AssignmentList", description = "A short, complete list of assignments (not paged).")
public record AssignmentList(List<AssignmentView> items) {
}
