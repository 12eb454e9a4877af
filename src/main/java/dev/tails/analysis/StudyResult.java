package dev.tails.analysis;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tails.attribution.Attribution;
import dev.tails.attribution.UnitMean;
import dev.tails.probe.ProbeResult;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Everything a study measured, grouped by question; the terminal and the HTML report read it by name,
 * and summary.json is its Jackson serialization (accumulators are left out, their per-layer views kept).
 * probes is null when skipped. A new statistic is a field of the group it answers (see ARCHITECTURE.md).
 */
public record StudyResult(Run run, Tails tails, Origin origin, List<Attribution> attribution,
                          Interventions interventions, Geometry geometry, ProbeResult probes, Experiments experiments) {

    /**
     * The experiments the masked-LM head makes possible, and the outlier measures of the papers they come from:
     * Bondarenko et al.'s (2023) kurtosis and max |value| per dim, Timkey and van Schijndel's (2021) shares of the
     * expected cosine, masked-token accuracy and loss with the tail dims ablated (null when not run: the model
     * has no head, or the settings skip it).
     */
    public record Experiments(OutlierMeasures outlierMeasures, CosineShares cosineShares, MaskedLmResult maskedLm) {
    }

    /** What ran: the model, how many texts and counted token vectors per hidden state, with which settings. */
    public record Run(String model, int texts, long tokens, int states, int hidden, StudySettings settings) {
    }

    /**
     * The outliers in the raw vectors: the tail dim (most often the minimum, blocks pooled) and its
     * share, every dim that is the min or max of at least the settings' share of vectors, and the dims
     * the study clips (those, or the tail dim alone when none reaches the share).
     */
    public record Tails(int tailDim, double tailShare, List<OutlierCounts.DimShare> outliers, int[] clippedDims,
                        @JsonIgnore OutlierCounts counts, @JsonIgnore LayerMeans means) {

        /** Per hidden state: the dims most often the minimum and maximum, and the three of largest mean |value|. */
        public record Layer(int layer, OutlierCounts.DimShare argmin, OutlierCounts.DimShare argmax,
                            List<UnitMean> largestMeanAbs) {
        }

        @JsonProperty
        public List<Layer> layers() {
            return IntStream.range(0, counts.states()).mapToObj(s -> new Layer(s, counts.topArgmin(s), counts.topArgmax(s),
                    means.topByMeanAbs(s, 3))).toList();
        }
    }

    /**
     * Where the tail dim is in the weights: how many position embeddings have it as their minimum,
     * position 0's extremes and vector, and its rank in every LayerNorm's gamma and beta.
     */
    public record Origin(int positions, double tailArgminShare, int position0Argmin, int position0Argmax,
                         float[] position0, List<NormRanks.Rank> normRanks) {
    }

    /** The counts again, with the clipped dims read as zero, with position embeddings zeroed, and with the dims zeroed in flow. */
    public record Interventions(@JsonIgnore OutlierCounts clippedAfter, @JsonIgnore OutlierCounts positionsZeroed,
                                @JsonIgnore OutlierCounts zeroedInFlow) {

        /** Per hidden state, the dim most often the minimum under each intervention. */
        public record Layer(int layer, OutlierCounts.DimShare clippedAfter, OutlierCounts.DimShare positionsZeroed,
                            OutlierCounts.DimShare zeroedInFlow) {
        }

        @JsonProperty("argminPerLayer")
        public List<Layer> layers() {
            return IntStream.range(0, clippedAfter.states()).mapToObj(s -> new Layer(s, clippedAfter.topArgmin(s),
                    positionsZeroed.topArgmin(s), zeroedInFlow.topArgmin(s))).toList();
        }
    }

    /** Ethayarajh's (2019) measures per hidden state, raw and clipped, and how many pairs and words they rest on. */
    public record Geometry(Similarity anisotropy, Similarity selfSimilarity, Similarity intraSentence, int anisotropyPairs,
                           int selfSimilarityWords) {
        private static final String DEFINITIONS = "selfSimilarity and intraSentence: Ethayarajh (2019) means (mean cosine "
                + "over all pairs of a word's vectors; of a sentence's tokens to their mean); *Adjusted: the same minus the "
                + "layer's anisotropy in the same (raw or clipped) space, Ethayarajh's adjustment";

        /** Self-similarity minus the anisotropy of the same space, so a space where every pair is alike no longer looks context-stable. */
        @JsonProperty
        public Similarity selfSimilarityAdjusted() {
            return selfSimilarity.minus(anisotropy);
        }

        /** Ethayarajh's anisotropy-adjusted intra-sentence similarity. */
        @JsonProperty
        public Similarity intraSentenceAdjusted() {
            return intraSentence.minus(anisotropy);
        }

        @JsonProperty
        public String definitions() {
            return DEFINITIONS;
        }
    }

    /** One similarity measure per hidden state, of the raw and of the clipped vectors (NaN: nothing sampled). */
    public record Similarity(double[] raw, double[] clipped) {
        /** This measure minus a baseline, state by state, raw from raw and clipped from clipped. */
        public Similarity minus(Similarity baseline) {
            return new Similarity(difference(raw, baseline.raw), difference(clipped, baseline.clipped));
        }

        private static double[] difference(double[] a, double[] b) {
            double[] out = new double[a.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = a[i] - b[i];
            }
            return out;
        }
    }
}
