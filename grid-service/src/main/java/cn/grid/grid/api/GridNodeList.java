package cn.grid.grid.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "GridNodeList", description = "A short, complete list of nodes (not paged).")
public record GridNodeList(List<GridNodeView> items) {
}
