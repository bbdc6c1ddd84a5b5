package cn.grid.platform.input;

/** A request carried a header that may appear once more than once (two {@code Authorization} headers). */
public class DuplicateHeaderException extends RuntimeException {

    private final String header;

    public DuplicateHeaderException(String header) {
        super("the request carries more than one " + header + " header", null, false, false);
        this.header = header;
    }

    public String header() {
        return header;
    }
}
