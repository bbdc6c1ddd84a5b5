package cn.grid.platform.paging;

import java.util.List;

/**
 * One page of a keyset-paged list. {@code nextCursor} is opaque to clients and absent on the last page.
 */
public record CursorPage<T>(List<T> items, String nextCursor) {
}
