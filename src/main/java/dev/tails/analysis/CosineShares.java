package dev.tails.analysis;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusStatistic;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Timkey and van Schijndel (2021, "All bark and no bite"): the expected cosine of two token vectors is the
 * sum over dims of CC_i = E[u_i v_i / (|u| |v|)], and a few rogue dims carry most of it. Here the
 * expectation is exact over all ordered pairs of distinct counted tokens, not sampled: with n = x / |x|,
 * CC_i = ((sum n_i)^2 - sum n_i^2) / (N (N - 1)). Measured on the raw vectors and on the vectors
 * standardized with the corpus's per-dim mean and std (from an earlier pass; a dim of std 0 reads as 0).
 */
public final class CosineShares implements CorpusStatistic {
    private static final int TOP = 5;
    private final double[][] means;
    private final double[][] stds;
    private final Space raw;
    private final Space standardized;
    private long tokens;

    /** standardization: the moments of the same tokens per hidden state, from an earlier pass. */
    public CosineShares(OutlierMeasures standardization) {
        int states = standardization.states();
        int hidden = standardization.state(0).width();
        this.means = new double[states][hidden];
        this.stds = new double[states][hidden];
        for (int s = 0; s < states; s++) {
            for (int d = 0; d < hidden; d++) {
                means[s][d] = standardization.state(s).mean(d);
                stds[s][d] = standardization.state(s).std(d);
            }
        }
        this.raw = new Space(states, hidden);
        this.standardized = new Space(states, hidden);
    }

    @Override
    public void add(CorpusBatch batch) {
        float[][] hidden = batch.output().hiddenStates();
        int width = raw.sums[0].length;
        float[] z = new float[width];
        batch.forEachToken((text, position, offset) -> {
            tokens++;
            for (int s = 0; s < raw.sums.length; s++) {
                raw.add(s, hidden[s], offset);
                for (int d = 0; d < width; d++) {
                    z[d] = stds[s][d] > 0 ? (float) ((hidden[s][offset + d] - means[s][d]) / stds[s][d]) : 0f;
                }
                standardized.add(s, z, 0);
            }
        });
    }

    /** Per hidden state: the expected cosine and the dims of largest share CC_i / E[cos], raw and standardized. */
    public record Layer(int layer, double expectedCosine, List<DimValue> topShares, double standardizedExpectedCosine,
                        List<DimValue> standardizedTopShares) {
    }

    @JsonProperty
    public List<Layer> layers() {
        return IntStream.range(0, raw.sums.length).mapToObj(s -> new Layer(s, raw.expectedCosine(s, tokens),
                DimValue.top(raw.shares(s, tokens), TOP), standardized.expectedCosine(s, tokens),
                DimValue.top(standardized.shares(s, tokens), TOP))).toList();
    }

    /** CC_i of each dim of state s, raw or standardized. */
    @JsonIgnore
    public double[] contributions(int s, boolean standardize) {
        return (standardize ? standardized : raw).contributions(s, tokens);
    }

    @JsonProperty
    public String definitions() {
        return "Timkey & van Schijndel (2021): expectedCosine = mean cosine over all ordered pairs of distinct counted "
                + "tokens = sum over dims of CC_i = E[u_i v_i / (|u||v|)]; share_i = CC_i / expectedCosine; standardized: "
                + "each dim minus its corpus mean, divided by its corpus std (population) first";
    }

    /** The sums over unit vectors of one space: sum n_i and sum n_i^2 per state and dim. */
    private static final class Space {
        private final double[][] sums;
        private final double[][] squares;

        Space(int states, int hidden) {
            this.sums = new double[states][hidden];
            this.squares = new double[states][hidden];
        }

        void add(int s, float[] x, int off) {
            int width = sums[s].length;
            double norm2 = 0;
            for (int d = 0; d < width; d++) {
                norm2 += (double) x[off + d] * x[off + d];
            }
            double inv = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0; // a zero vector's cosines are 0, as in Cosine
            for (int d = 0; d < width; d++) {
                double n = x[off + d] * inv;
                sums[s][d] += n;
                squares[s][d] += n * n;
            }
        }

        double[] contributions(int s, long count) {
            double[] cc = new double[sums[s].length];
            double pairs = (double) count * (count - 1);
            for (int d = 0; d < cc.length; d++) {
                cc[d] = pairs > 0 ? (sums[s][d] * sums[s][d] - squares[s][d]) / pairs : Double.NaN;
            }
            return cc;
        }

        double expectedCosine(int s, long count) {
            double total = 0;
            for (double c : contributions(s, count)) {
                total += c;
            }
            return total;
        }

        double[] shares(int s, long count) {
            double[] cc = contributions(s, count);
            double total = expectedCosine(s, count);
            for (int d = 0; d < cc.length; d++) {
                cc[d] /= total;
            }
            return cc;
        }
    }
}
