package dev.tails.analysis;

import dev.tails.model.EncoderWeights;
import dev.tails.model.LayerNormWeights;

import java.util.ArrayList;
import java.util.List;

/** The rank (1 = largest |value|) of a dim in the gamma and beta of every LayerNorm of the model. */
public final class NormRanks {
    private NormRanks() {
    }

    /** One LayerNorm's name and the dim's ranks and values there. */
    public record Rank(String norm, int gammaRank, double gamma, int betaRank, double beta) {
    }

    public static List<Rank> of(EncoderWeights weights, int dim) {
        List<Rank> ranks = new ArrayList<>();
        ranks.add(rank("embeddings.LayerNorm", weights.embeddings().norm(), dim));
        for (int l = 0; l < weights.layers().size(); l++) {
            ranks.add(rank("blocks." + l + " LayerNorm 1 (attention)", weights.layers().get(l).attentionNorm(), dim));
            ranks.add(rank("blocks." + l + " LayerNorm 2 (output)", weights.layers().get(l).outputNorm(), dim));
        }
        return ranks;
    }

    private static Rank rank(String name, LayerNormWeights norm, int dim) {
        return new Rank(name, rankOf(norm.gamma(), dim), norm.gamma()[dim], rankOf(norm.beta(), dim), norm.beta()[dim]);
    }

    static int rankOf(float[] values, int dim) {
        int rank = 1;
        for (float v : values) {
            rank += Math.abs(v) > Math.abs(values[dim]) ? 1 : 0;
        }
        return rank;
    }
}
