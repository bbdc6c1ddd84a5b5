package cn.grid.platform.tree;

import jakarta.persistence.EntityManager;

/**
 * Subtree operations on materialized paths ({@code /root/.../node/}): a LIKE prefix pattern that an index with
 * {@code text_pattern_ops} serves, and the one-statement prefix rewrite that moves a subtree.
 */
public final class SubtreeQuery {

    private SubtreeQuery() {
    }

    /** {@code path%}, with LIKE's wildcards in the path escaped (backslash is PostgreSQL's default escape). */
    public static String likePrefix(String path) {
        return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * Rewrites every path in {@code tableColumn} that starts with {@code oldPath} to start with {@code newPath}:
     * one statement, whatever the subtree's size, in the caller's transaction.
     *
     * @return how many rows changed
     */
    public static int rewritePrefix(EntityManager entityManager, String tableColumn, String oldPath, String newPath) {
        if (!tableColumn.matches("[a-z_][a-z0-9_]*[.][a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a table.column: " + tableColumn);
        }
        String table = tableColumn.substring(0, tableColumn.indexOf('.'));
        String column = tableColumn.substring(tableColumn.indexOf('.') + 1);
        return entityManager.createNativeQuery("update " + table + " set " + column + " = ?1 || substr(" + column
                        + ", ?3) where " + column + " like ?2")
                .setParameter(1, newPath)
                .setParameter(2, likePrefix(oldPath))
                .setParameter(3, oldPath.length() + 1)
                .executeUpdate();
    }
}
