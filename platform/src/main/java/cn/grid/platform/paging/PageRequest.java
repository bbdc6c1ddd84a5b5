package cn.grid.platform.paging;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.ProblemType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset paging: a clamped limit and the position after which the next page starts.
 *
 * <p>The cursor is the URL-safe Base64 of the last item's sort key (a string such as a time-ordered id, or
 * {@code sortValue|id}); it carries no offset, so pages stay stable while rows are inserted.
 */
public record PageRequest(int limit, String after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** Reads {@code ?limit=&cursor=}; a missing or out-of-range limit is clamped, a bad cursor is a 400. */
    public static PageRequest of(Integer limit, String cursor) {
        int clamped = limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, limit));
        return new PageRequest(clamped, decode(cursor));
    }

    /** The position as an id, for lists ordered by (time-ordered) id; a cursor that is not one is a 400. */
    public UUID afterId() {
        if (after == null) {
            return null;
        }
        try {
            return UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (position.isBlank() || position.length() > 512 || !position.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("not a cursor");
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    private static DomainProblem invalidCursor() {
        return new DomainProblem(ProblemType.INVALID_CURSOR, "cursor is not one this API issued; start again without it");
    }

    /**
     * Builds the page from up to {@code limit + 1} rows fetched after the cursor: the extra row only tells
     * whether a next page exists.
     */
    public <R, T> CursorPage<T> page(List<R> rowsFetched, Function<R, String> position, Function<R, T> toItem) {
        boolean more = rowsFetched.size() > limit;
        List<R> rows = more ? rowsFetched.subList(0, limit) : rowsFetched;
        String next = more ? encode(position.apply(rows.get(rows.size() - 1))) : null;
        return new CursorPage<>(rows.stream().map(toItem).toList(), next);
    }
}
