package dev.tails.analysis;

import java.util.List;

/** Everything a study measured, for the terminal, the HTML report and summary.json. */
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
        int selfSimilarityWords) {

    /** One similarity measure per hidden state, of the raw and of the clipped vectors. */
    public record Geometry(double[] raw, double[] clipped) {
    }

    public int states() {
        return raw.states();
    }
}
