package cn.grid.platform.gridview;

/** Subtree filters on materialized paths: a LIKE prefix pattern that an index with text_pattern_ops serves. */
public final class SubtreeQuery {

    private SubtreeQuery() {
    }

    /** {@code path%}, with LIKE's wildcards in the path escaped (backslash is PostgreSQL's default escape). */
    public static String likePrefix(String path) {
        return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
