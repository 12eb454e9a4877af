package dev.tails.analysis;

import dev.tails.model.EncoderOutput;

/**
 * How often each dimension is the smallest and the largest value of a token vector, per hidden
 * state (0 = embeddings). Padding rows are skipped; special tokens count, as in the paper.
 */
public final class OutlierCounts {
    private final int hidden;
    private final long[][] argminCounts;
    private final long[][] argmaxCounts;
    private long tokens;

    public OutlierCounts(int states, int hidden) {
        this.hidden = hidden;
        this.argminCounts = new long[states][hidden];
        this.argmaxCounts = new long[states][hidden];
    }

    public void add(EncoderOutput output) {
        var batch = output.batch();
        for (int row = 0; row < batch.rows(); row++) {
            if (batch.isPadding(row)) {
                continue;
            }
            tokens++;
            for (int s = 0; s < argminCounts.length; s++) {
                countRow(output.hiddenStates()[s], row * hidden, s);
            }
        }
    }

    private void countRow(float[] state, int off, int s) {
        int min = 0;
        int max = 0;
        for (int d = 1; d < hidden; d++) {
            if (state[off + d] < state[off + min]) {
                min = d;
            }
            if (state[off + d] > state[off + max]) {
                max = d;
            }
        }
        argminCounts[s][min]++;
        argmaxCounts[s][max]++;
    }

    /** Token vectors counted per hidden state. */
    public long tokens() {
        return tokens;
    }

    public int states() {
        return argminCounts.length;
    }

    public DimShare topArgmin(int state) {
        return top(argminCounts[state]);
    }

    public DimShare topArgmax(int state) {
        return top(argmaxCounts[state]);
    }

    private DimShare top(long[] counts) {
        int best = 0;
        for (int d = 1; d < counts.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        return new DimShare(best, tokens == 0 ? 0 : (double) counts[best] / tokens);
    }

    /** A dimension and the fraction of token vectors where it is the extreme. */
    public record DimShare(int dim, double fraction) {
    }
}
