package cn.grid.grid.api;

import cn.grid.grid.domain.LevelCount;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

@Schema(name = "GridCounts", description = "Active nodes of a subtree (the node included) per level, with the "
        + "household and resident totals recorded at that level.")
public record GridCountsView(UUID nodeId, List<LevelCount> levels) {

    static GridCountsView of(UUID nodeId, List<LevelCount> counts) {
        return new GridCountsView(nodeId, counts.stream().sorted(Comparator.comparing(LevelCount::level)).toList());
    }
}
