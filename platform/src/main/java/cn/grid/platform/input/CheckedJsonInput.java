package cn.grid.platform.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON body as it streams in, checked byte by byte before the JSON reader sees it: strict UTF-8 (RFC 3629: no
 * overlong forms, no encoded surrogates, nothing past U+10FFFF — the reader would otherwise decode them leniently
 * and PostgreSQL store a {@code ?}), and in every string, key or value, no control character but TAB/LF/CR and no
 * lone surrogate, whether raw or written as a {@code \\uXXXX}, {@code \\b} or {@code \\f} escape. It also refuses
 * nesting deeper than {@link #MAX_DEPTH}.
 *
 * <p>It follows just enough of the JSON structure (objects, arrays, keys, indexes) to name the field where the
 * bad input is; it does not validate the syntax, which stays the reader's job.
 */
public final class CheckedJsonInput extends FilterInputStream {

    /** Deeper than any body of the suite (a GeoJSON MultiPolygon is 5 levels), far below a stack overflow. */
    public static final int MAX_DEPTH = 64;
    private static final int MAX_KEY_BYTES = 200;

    private static final class Frame {
        final boolean object;
        boolean expectKey = true;
        String key;
        int index;

        Frame(boolean object) {
            this.object = object;
        }
    }

    private final List<Frame> frames = new ArrayList<>();

    // string state
    private boolean inString;
    private boolean inKey;
    private final java.io.ByteArrayOutputStream keyBytes = new java.io.ByteArrayOutputStream();
    /** 0: no escape; 1: after a backslash; 2..5: reading the four hex digits of a \\u escape. */
    private int escape;
    private int hex;
    /** A high surrogate was just written as an escape: the next thing must be the low one, as an escape. */
    private boolean pendingHigh;

    // UTF-8 state
    private int continuations;
    private int nextLow = 0x80;
    private int nextHigh = 0xBF;

    public CheckedJsonInput(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            check(b);
        } else {
            end();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            end();
        }
        for (int i = 0; i < n; i++) {
            check(buffer[offset + i] & 0xFF);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes are still checked: nothing reaches the reader unseen
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void end() {
        if (continuations > 0) {
            throw new HostileInputException(field(), InputText.notUtf8());
        }
    }

    private void check(int b) {
        utf8(b);
        if (inString) {
            inString(b);
        } else {
            structure(b);
        }
    }

    private void utf8(int b) {
        if (continuations > 0) {
            if (b < nextLow || b > nextHigh) {
                throw new HostileInputException(field(), InputText.notUtf8());
            }
            continuations--;
            nextLow = 0x80;
            nextHigh = 0xBF;
            return;
        }
        if (b < 0x80) {
            return;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            continuations = 1;
        } else if (b == 0xE0) {
            continuations = 2;
            nextLow = 0xA0; // no overlong 3-byte forms
        } else if (b == 0xED) {
            continuations = 2;
            nextHigh = 0x9F; // U+D800..U+DFFF encoded raw: a surrogate is not a character
        } else if (b >= 0xE1 && b <= 0xEF) {
            continuations = 2;
        } else if (b == 0xF0) {
            continuations = 3;
            nextLow = 0x90;
        } else if (b >= 0xF1 && b <= 0xF3) {
            continuations = 3;
        } else if (b == 0xF4) {
            continuations = 3;
            nextHigh = 0x8F; // nothing past U+10FFFF
        } else {
            // 0x80..0xC1 (a lone continuation, overlong 2-byte forms), 0xF5..0xFF
            throw new HostileInputException(field(), InputText.notUtf8());
        }
    }

    private void structure(int b) {
        switch (b) {
            case '{', '[' -> {
                if (frames.size() >= MAX_DEPTH) {
                    throw new HostileInputException(field(), "is nested deeper than " + MAX_DEPTH + " levels");
                }
                frames.add(new Frame(b == '{'));
            }
            case '}', ']' -> {
                if (!frames.isEmpty()) {
                    frames.remove(frames.size() - 1);
                }
            }
            case ',' -> {
                Frame top = top();
                if (top != null) {
                    if (top.object) {
                        top.expectKey = true;
                        top.key = null;
                    } else {
                        top.index++;
                    }
                }
            }
            case ':' -> {
                Frame top = top();
                if (top != null && top.object) {
                    top.expectKey = false;
                }
            }
            case '"' -> {
                inString = true;
                Frame top = top();
                inKey = top != null && top.object && top.expectKey;
                keyBytes.reset();
            }
            default -> {
                // literals, numbers and whitespace: the reader checks them
            }
        }
    }

    private void inString(int b) {
        if (escape == 1) {
            escape = 0;
            if (b == 'u') {
                escape = 2;
                hex = 0;
                return;
            }
            if (pendingHigh) {
                throw lone(0xD800);
            }
            if (b == 'b' || b == 'f') {
                throw control(b == 'b' ? 0x08 : 0x0C);
            }
            key(b);
            return;
        }
        if (escape >= 2) {
            int digit = Character.digit(b, 16);
            if (digit < 0) {
                escape = 0; // not an escape the reader accepts: it will say so
                return;
            }
            hex = hex << 4 | digit;
            if (++escape == 6) {
                escape = 0;
                codeUnit(hex);
            }
            return;
        }
        if (b == '\\') {
            escape = 1;
            return;
        }
        if (pendingHigh) {
            throw lone(0xD800);
        }
        if (b == '"') {
            inString = false;
            if (inKey) {
                Frame top = top();
                top.key = keyBytes.toString(StandardCharsets.UTF_8);
                inKey = false;
            }
            return;
        }
        if (InputText.forbiddenControl(b)) {
            throw control(b);
        }
        key(b);
    }

    private void codeUnit(int unit) {
        if (pendingHigh) {
            if (!Character.isLowSurrogate((char) unit)) {
                throw lone(0xD800);
            }
            pendingHigh = false;
            return;
        }
        if (Character.isHighSurrogate((char) unit)) {
            pendingHigh = true;
            return;
        }
        if (Character.isLowSurrogate((char) unit)) {
            throw lone(unit);
        }
        if (InputText.forbiddenControl(unit)) {
            throw control(unit);
        }
        if (unit < 0x80) {
            key(unit);
        }
    }

    private void key(int b) {
        if (inKey && keyBytes.size() < MAX_KEY_BYTES) {
            keyBytes.write(b);
        }
    }

    private HostileInputException control(int c) {
        return new HostileInputException(field(), InputText.controlCharacter(c));
    }

    private HostileInputException lone(int c) {
        return new HostileInputException(field(), InputText.loneSurrogate(c));
    }

    private Frame top() {
        return frames.isEmpty() ? null : frames.get(frames.size() - 1);
    }

    /** Where the reader is, as the client names it: {@code contact.name}, {@code photos[2]}, "body". */
    private String field() {
        StringBuilder path = new StringBuilder();
        for (Frame frame : frames) {
            if (frame.object) {
                if (frame.key != null && !(inKey && frame == top())) {
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(frame.key);
                }
            } else {
                path.append('[').append(frame.index).append(']');
            }
        }
        if (inKey) {
            return path.isEmpty() ? "a field name" : path + " (a field name)";
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
