package dev.tails.io.tf;

import dev.tails.TailsException;

import java.util.Arrays;

/**
 * A bounds-checked reader over a slice of a byte array: LevelDB and protobuf varints, little-endian
 * fixed-width integers and sub-slices. Every read past the slice is a {@link TailsException} naming
 * {@code where}, so a lying file can never surface as an index-out-of-bounds error.
 */
final class ByteCursor {
    private final byte[] buf;
    private final int end;
    private final String where;
    private int pos;

    ByteCursor(byte[] buf, int from, int to, String where) {
        if (from < 0 || to < from || to > buf.length) {
            throw new TailsException(where + ": slice [" + from + ", " + to + ") lies outside "
                    + buf.length + " bytes");
        }
        this.buf = buf;
        this.pos = from;
        this.end = to;
        this.where = where;
    }

    ByteCursor(byte[] buf, String where) {
        this(buf, 0, buf.length, where);
    }

    boolean hasMore() {
        return pos < end;
    }

    long varint64() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw fail("varint longer than 10 bytes");
    }

    /** A varint that must fit a non-negative int (lengths, counts, offsets inside a block). */
    int varintLength() {
        long v = varint64();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw fail("length " + Long.toUnsignedString(v) + " does not fit in an int");
        }
        return (int) v;
    }

    int fixed32() {
        need(4);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16
                | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    long fixed64() {
        return (fixed32() & 0xffffffffL) | (long) fixed32() << 32;
    }

    /** The next {@code n} bytes as a cursor of their own; this cursor moves past them. */
    ByteCursor slice(int n, String what) {
        need(n);
        ByteCursor sub = new ByteCursor(buf, pos, pos + n, where + ", " + what);
        pos += n;
        return sub;
    }

    byte[] bytes(int n) {
        need(n);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    void skip(int n) {
        need(n);
        pos += n;
    }

    TailsException fail(String rule) {
        return new TailsException(where + ": " + rule + " (at byte " + pos + ")");
    }

    private int u8() {
        need(1);
        return buf[pos++] & 0xff;
    }

    private void need(int n) {
        if (n < 0 || n > end - pos) {
            throw fail("needs " + n + " more bytes but only " + (end - pos) + " remain");
        }
    }
}
