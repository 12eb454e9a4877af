package dev.tails.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusStatistic;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Bondarenko et al.'s (2023) outlier measures per hidden state: each dim's kurtosis over the counted
 * token vectors and its max |value|. The per-dim mean and std also standardize the vectors for
 * {@link CosineShares}.
 */
public final class OutlierMeasures implements CorpusStatistic {
    private static final int TOP = 5;
    private final DimMoments[] states;

    public OutlierMeasures(int states, int hidden) {
        this.states = IntStream.range(0, states).mapToObj(s -> new DimMoments(hidden)).toArray(DimMoments[]::new);
    }

    @Override
    public void add(CorpusBatch batch) {
        float[][] hidden = batch.output().hiddenStates();
        batch.forEachToken((text, position, offset) -> {
            for (int s = 0; s < states.length; s++) {
                states[s].add(hidden[s], offset);
            }
        });
    }

    public int states() {
        return states.length;
    }

    /** The moments of hidden state s (0 = embeddings). */
    public DimMoments state(int s) {
        return states[s];
    }

    /** Per hidden state, the dims of largest kurtosis and of largest max |value|. */
    public record Layer(int layer, List<DimValue> topKurtosis, List<DimValue> topMaxAbs) {
    }

    @JsonProperty
    public List<Layer> layers() {
        return IntStream.range(0, states.length).mapToObj(s -> new Layer(s, DimValue.top(states[s].kurtosis(), TOP),
                DimValue.top(states[s].maxAbs(), TOP))).toList();
    }

    @JsonProperty
    public String definitions() {
        return "per hidden state, over the counted token vectors: kurtosis of each dim = m4 / m2^2 (Pearson's, 3 for a "
                + "normal distribution; central moments over tokens), maxAbs = max |value| of the dim";
    }
}
