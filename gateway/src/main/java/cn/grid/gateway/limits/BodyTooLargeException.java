package cn.grid.gateway.limits;

/**
 * A streamed request body grew past its route's limit and was cut off. Not a failure of the service: the
 * instance is not marked, and the request is answered 413 and never sent again.
 */
public final class BodyTooLargeException extends RuntimeException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the request body grew past " + limit + " bytes", null, false, false);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** Whether this, or anything it wraps (a pipe wraps write failures), is a body cut-off. */
    public static boolean in(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
