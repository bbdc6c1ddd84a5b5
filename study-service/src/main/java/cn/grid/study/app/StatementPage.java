package cn.grid.study.app;

import java.util.List;

/**
 * One page of GET statements.
 *
 * @param statements the statements' JSON, in the requested format
 * @param lastSeq    where the next page starts after, or null when this is the last page
 */
public record StatementPage(List<String> statements, Long lastSeq) {
}
