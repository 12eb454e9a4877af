package dev.tails.kernel;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The packed weights of a whole model in one array, handed out a weight at a time (from several
 * threads). One array of hundreds of MB is too big for the young generation, so the collector puts
 * it straight into the old one and never copies it, where a few hundred arrays of a few MB each
 * would be copied out of the young generation, and leave it expecting big promotions (full
 * collections in every later young one), on a heap sized to the model.
 */
public final class PanelSlab {
    private final float[] data;
    private final AtomicLong used = new AtomicLong();

    /** floats: the sum of {@link Panels#floats} of every weight to be packed; at most a Java array. */
    public PanelSlab(long floats) {
        if (floats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(floats + " floats of panels do not fit one Java array");
        }
        data = new float[(int) floats];
    }

    /** S [n, k] packed into the next free part of the slab (see {@link Panels#ofRows(Panels.RowReader, int, int)}). */
    public Panels ofRows(Panels.RowReader s, int n, int k) {
        long size = Panels.floats(n, k), at = used.getAndAdd(size);
        if (at + size > data.length) {
            throw new IllegalStateException("panel slab of " + data.length + " floats is full");
        }
        Panels b = new Panels(data, (int) at, n, k);
        b.packRows(s);
        return b;
    }
}
