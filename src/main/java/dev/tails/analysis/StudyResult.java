package dev.tails.analysis;

import dev.tails.attribution.Attribution;
import dev.tails.corpus.Clip;
import dev.tails.probe.ProbeResult;

import java.util.List;

/** Everything a study measured, for the terminal, the HTML report and summary.json; probes null when skipped. */
public record StudyResult(
        String model,
        int texts,
        StudySettings settings,
        int hidden,
        OutlierCounts raw,
        LayerMeans means,
        int tailDim,
        List<OutlierCounts.DimShare> outliers,
        Clip clip,
        PositionEmbeddingExtremes positions,
        List<NormRanks.Rank> normRanks,
        List<Attribution> attributions,
        OutlierCounts clipped,
        OutlierCounts positionsZeroed,
        OutlierCounts zeroedInFlow,
        Geometry anisotropy,
        Geometry selfSimilarity,
        Geometry intraSentence,
        int anisotropyPairs,
        int selfSimilarityWords,
        ProbeResult probes) {

    /** One similarity measure per hidden state, of the raw and of the clipped vectors. */
    public record Geometry(double[] raw, double[] clipped) {
        /** This measure minus a baseline, state by state, raw from raw and clipped from clipped. */
        public Geometry minus(Geometry baseline) {
            return new Geometry(difference(raw, baseline.raw), difference(clipped, baseline.clipped));
        }

        private static double[] difference(double[] a, double[] b) {
            double[] out = new double[a.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = a[i] - b[i];
            }
            return out;
        }
    }

    /**
     * Ethayarajh's (2019) anisotropy-adjusted self-similarity: the mean over words minus the anisotropy of
     * the same space, so a space where every pair of vectors is alike no longer looks context-stable.
     */
    public Geometry selfSimilarityAdjusted() {
        return selfSimilarity.minus(anisotropy);
    }

    /** Ethayarajh's anisotropy-adjusted intra-sentence similarity. */
    public Geometry intraSentenceAdjusted() {
        return intraSentence.minus(anisotropy);
    }

    public int states() {
        return raw.states();
    }
}
