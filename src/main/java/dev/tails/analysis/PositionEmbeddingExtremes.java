package dev.tails.analysis;

import java.util.Arrays;

/** The argmin and argmax of every row of the position embedding table (where the paper traces the tail). */
public final class PositionEmbeddingExtremes {
    private final float[] table;
    private final int hidden;
    private final int[] argmin;
    private final int[] argmax;

    public PositionEmbeddingExtremes(float[] table, int hidden) {
        this.table = table;
        this.hidden = hidden;
        int rows = table.length / hidden;
        this.argmin = new int[rows];
        this.argmax = new int[rows];
        for (int p = 0; p < rows; p++) {
            for (int d = 1; d < hidden; d++) {
                argmin[p] = table[p * hidden + d] < table[p * hidden + argmin[p]] ? d : argmin[p];
                argmax[p] = table[p * hidden + d] > table[p * hidden + argmax[p]] ? d : argmax[p];
            }
        }
    }

    public int positions() {
        return argmin.length;
    }

    public int argmin(int position) {
        return argmin[position];
    }

    public int argmax(int position) {
        return argmax[position];
    }

    /** The fraction of positions whose minimum is at dim. */
    public double argminShare(int dim) {
        return (double) Arrays.stream(argmin).filter(d -> d == dim).count() / positions();
    }

    public float[] row(int position) {
        return Arrays.copyOfRange(table, position * hidden, (position + 1) * hidden);
    }
}
