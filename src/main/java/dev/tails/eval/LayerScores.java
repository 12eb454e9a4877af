package dev.tails.eval;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tails.corpus.Variant;

import java.util.EnumMap;
import java.util.Map;

/** One score per hidden state (0 = embeddings) of one variant; its best is written beside it for readers of the JSON. */
@JsonIgnoreProperties(value = {"bestLayer", "best"}, allowGetters = true)
public record LayerScores(double[] perLayer) {

    /** The state with the highest score (the first on ties). */
    @JsonProperty("bestLayer")
    public int bestLayer() {
        int best = 0;
        for (int i = 1; i < perLayer.length; i++) {
            if (perLayer[i] > perLayer[best]) {
                best = i;
            }
        }
        return best;
    }

    @JsonProperty("best")
    public double best() {
        return perLayer[bestLayer()];
    }

    /** The scores of each variant, in variant order. */
    public static Map<Variant, LayerScores> of(Map<Variant, double[]> perVariant) {
        Map<Variant, LayerScores> out = new EnumMap<>(Variant.class);
        perVariant.forEach((v, s) -> out.put(v, new LayerScores(s)));
        return out;
    }
}
