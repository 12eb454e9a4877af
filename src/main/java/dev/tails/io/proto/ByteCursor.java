package dev.tails.io.proto;

import dev.tails.TailsException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A bounds-checked reader over a slice of a byte array: LevelDB and protobuf varints, little-endian
 * fixed-width integers and sub-slices. Every read past the slice is a {@link TailsException} naming
 * {@code where}, so a lying file can never surface as an index-out-of-bounds error.
 */
public final class ByteCursor {
    private final byte[] buf;
    private final int end;
    private final String where;
    private int pos;

    public ByteCursor(byte[] buf, int from, int to, String where) {
        if (from < 0 || to < from || to > buf.length) {
            throw new TailsException(where + ": slice [" + from + ", " + to + ") lies outside "
                    + buf.length + " bytes");
        }
        this.buf = buf;
        this.pos = from;
        this.end = to;
        this.where = where;
    }

    public ByteCursor(byte[] buf, String where) {
        this(buf, 0, buf.length, where);
    }

    public boolean hasMore() {
        return pos < end;
    }

    public long varint64() {
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
    public int varintLength() {
        long v = varint64();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw fail("length " + Long.toUnsignedString(v) + " does not fit in an int");
        }
        return (int) v;
    }

    public int fixed32() {
        need(4);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16
                | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    public long fixed64() {
        return (fixed32() & 0xffffffffL) | (long) fixed32() << 32;
    }

    /** The next {@code n} bytes as a cursor of their own; this cursor moves past them. */
    public ByteCursor slice(int n, String what) {
        need(n);
        ByteCursor sub = new ByteCursor(buf, pos, pos + n, where + ", " + what);
        pos += n;
        return sub;
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** Bytes left in this slice. */
    public int remaining() {
        return end - pos;
    }

    /** Everything left, copied; the cursor ends up at the end. */
    public byte[] rest() {
        return bytes(remaining());
    }

    /** Fills {@code out} with little-endian floats (4 bytes each) from here on. */
    public void floatsLittleEndian(float[] out) {
        needValues(out.length, Float.BYTES);
        ByteBuffer.wrap(buf, pos, out.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        pos += out.length * Float.BYTES;
    }

    /** Fills {@code out} with little-endian 64-bit integers from here on. */
    public void longsLittleEndian(long[] out) {
        needValues(out.length, Long.BYTES);
        ByteBuffer.wrap(buf, pos, out.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        pos += out.length * Long.BYTES;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    public TailsException fail(String rule) {
        return new TailsException(where + ": " + rule + " (at byte " + pos + ")");
    }

    private int u8() {
        need(1);
        return buf[pos++] & 0xff;
    }

    private void needValues(int count, int width) {
        if ((long) count * width > end - pos) {
            throw fail("needs " + count + " values of " + width + " bytes but only " + (end - pos) + " bytes remain");
        }
    }

    private void need(int n) {
        if (n < 0 || n > end - pos) {
            throw fail("needs " + n + " more bytes but only " + (end - pos) + " remain");
        }
    }
}
