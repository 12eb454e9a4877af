package dev.tails.analysis;

import dev.tails.attribution.UnitMean;
import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusStatistic;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.EncoderOutput;

import java.util.List;

/** The average token vector per hidden state, and each dim's mean |value| (where the tails stand out). */
public final class LayerMeans implements CorpusStatistic {
    private final TokenizedCorpus corpus;
    private final double[][] sums;
    private final double[][] absSums;
    private long tokens;

    public LayerMeans(TokenizedCorpus corpus, int states, int hidden) {
        this.corpus = corpus;
        this.sums = new double[states][hidden];
        this.absSums = new double[states][hidden];
    }

    /** The sums as a partial file stores them: tokens, and [state][dim] the sums of values and of |values|. */
    public record Sums(long tokens, double[][] sums, double[][] absSums) {
    }

    static LayerMeans of(Sums stored, int states, int hidden) {
        LayerMeans means = new LayerMeans(null, states, hidden);
        Partials.copy(stored.sums(), means.sums, "sums");
        Partials.copy(stored.absSums(), means.absSums, "absSums");
        means.tokens = Partials.count(stored.tokens());
        return means;
    }

    Sums sums() {
        return new Sums(tokens, sums, absSums);
    }

    /** Adds another part of the corpus's sums (same states and hidden size). */
    void add(LayerMeans other) {
        tokens += other.tokens;
        for (int s = 0; s < sums.length; s++) {
            for (int d = 0; d < sums[s].length; d++) {
                sums[s][d] += other.sums[s][d];
                absSums[s][d] += other.absSums[s][d];
            }
        }
    }

    @Override
    public void add(CorpusBatch corpusBatch) {
        EncoderOutput output = corpusBatch.output();
        corpusBatch.forEachToken((sentence, position, offset) -> {
            tokens++;
            for (int s = 0; s < sums.length; s++) {
                float[] state = output.hiddenStates()[s];
                for (int d = 0; d < sums[s].length; d++) {
                    sums[s][d] += state[offset + d];
                    absSums[s][d] += Math.abs(state[offset + d]);
                }
            }
        });
    }

    public double[] mean(int state) {
        return divided(sums[state]);
    }

    public double[] meanAbs(int state) {
        return divided(absSums[state]);
    }

    /** The k dims of largest mean |value|, largest first. */
    public List<UnitMean> topByMeanAbs(int state, int k) {
        return UnitMean.top(meanAbs(state), k);
    }

    private double[] divided(double[] s) {
        double[] out = new double[s.length];
        for (int d = 0; d < s.length; d++) {
            out[d] = s[d] / Math.max(1, tokens);
        }
        return out;
    }
}
