package dev.tails.analysis;

import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusStatistic;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.EncoderOutput;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How often each dimension is the smallest and the largest value of a counted token vector, per
 * hidden state (0 = embeddings). Clipped dims read as zero, so the same class measures the paper's
 * clipped vectors.
 */
public final class OutlierCounts implements CorpusStatistic {
    private final TokenizedCorpus corpus;
    private final Clip clip;
    private final int hidden;
    private final long[][] argminCounts;
    private final long[][] argmaxCounts;
    private long tokens;

    public OutlierCounts(TokenizedCorpus corpus, int states, int hidden, Clip clip) {
        this.corpus = corpus;
        this.clip = clip;
        this.hidden = hidden;
        this.argminCounts = new long[states][hidden];
        this.argmaxCounts = new long[states][hidden];
    }

    /** The counts as a partial file stores them: tokens, and [state][dim] how often each dim was the min and the max. */
    public record Sums(long tokens, long[][] argmin, long[][] argmax) {
    }

    /** Counts read back from a partial file, of unclipped vectors. */
    static OutlierCounts of(Sums sums, int states, int hidden) {
        OutlierCounts counts = new OutlierCounts(null, states, hidden, Clip.none(hidden));
        Partials.copy(sums.argmin(), counts.argminCounts, "argmin");
        Partials.copy(sums.argmax(), counts.argmaxCounts, "argmax");
        counts.tokens = Partials.count(sums.tokens());
        return counts;
    }

    Sums sums() {
        return new Sums(tokens, argminCounts, argmaxCounts);
    }

    /** Adds another part of the corpus's counts (same states, hidden size and clip): exact, as counts are. */
    void add(OutlierCounts other) {
        tokens += other.tokens;
        for (int s = 0; s < argminCounts.length; s++) {
            for (int d = 0; d < hidden; d++) {
                argminCounts[s][d] += other.argminCounts[s][d];
                argmaxCounts[s][d] += other.argmaxCounts[s][d];
            }
        }
    }

    @Override
    public void add(CorpusBatch corpusBatch) {
        EncoderOutput output = corpusBatch.output();
        corpusBatch.forEachToken((sentence, position, offset) -> {
            tokens++;
            for (int s = 0; s < argminCounts.length; s++) {
                countRow(output.hiddenStates()[s], offset, s);
            }
        });
    }

    private void countRow(float[] state, int off, int s) {
        int min = 0;
        int max = 0;
        for (int d = 1; d < hidden; d++) {
            float v = clip.value(state, off, d);
            if (v < clip.value(state, off, min)) {
                min = d;
            }
            if (v > clip.value(state, off, max)) {
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

    /** The fraction of vectors of a state whose minimum is at each dim. */
    public double[] argminShares(int state) {
        return shares(argminCounts[state]);
    }

    public double[] argmaxShares(int state) {
        return shares(argmaxCounts[state]);
    }

    /** Dims that are the minimum or maximum of at least minShare of the vectors of the non-input states, most frequent first. */
    public List<DimShare> outliers(double minShare) {
        List<DimShare> found = new ArrayList<>();
        for (long[][] counts : List.of(argminCounts, argmaxCounts)) {
            long[] pooled = pooledOverBlocks(counts);
            for (int d = 0; d < hidden; d++) {
                int dim = d;
                double share = (double) pooled[d] / Math.max(1, tokens * (states() - 1));
                if (share >= minShare && found.stream().noneMatch(f -> f.dim() == dim)) {
                    found.add(new DimShare(dim, share));
                }
            }
        }
        found.sort(Comparator.comparingDouble(DimShare::fraction).reversed());
        return found;
    }

    /** The dim most often the minimum over the vectors of all non-input states: the paper's tail dim. */
    public DimShare pooledTopArgmin() {
        long[] pooled = pooledOverBlocks(argminCounts);
        DimShare top = top(pooled);
        return new DimShare(top.dim(), top.fraction() / Math.max(1, states() - 1));
    }

    private long[] pooledOverBlocks(long[][] counts) {
        long[] pooled = new long[hidden];
        for (int s = 1; s < counts.length; s++) {
            for (int d = 0; d < hidden; d++) {
                pooled[d] += counts[s][d];
            }
        }
        return pooled;
    }

    private double[] shares(long[] counts) {
        double[] shares = new double[counts.length];
        for (int d = 0; d < counts.length; d++) {
            shares[d] = tokens == 0 ? 0 : (double) counts[d] / tokens;
        }
        return shares;
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
