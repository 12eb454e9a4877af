package dev.tails.attribution;

import dev.tails.TailsException;
import dev.tails.model.Batch;

import java.io.Serial;
import java.io.Serializable;

/**
 * Sums of one block's per-token decompositions at one dim over a corpus, batch by batch; the sums of two
 * parts of a corpus add up to those of the whole, and the attribution is their means.
 */
final class CorpusAttribution implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final int layer;
    private final int dim;
    private final DecompositionSums output;
    private final DecompositionSums attention;
    private final double[] embeddingSums = new double[4];
    private double value;
    private double attentionValue;
    private double embeddingValue;
    private long tokens;

    CorpusAttribution(int layer, int dim, int neurons, int heads) {
        this(layer, dim, new DecompositionSums(neurons), new DecompositionSums(heads));
    }

    private CorpusAttribution(int layer, int dim, DecompositionSums output, DecompositionSums attention) {
        this.layer = layer;
        this.dim = dim;
        this.output = output;
        this.attention = attention;
    }

    /** The sums as a partial file stores them. */
    record Stored(long tokens, double value, double attentionValue, double embeddingValue,
                  EmbeddingDecomposition embedding, DecompositionSums.Stored output, DecompositionSums.Stored attention) {
    }

    static CorpusAttribution of(int layer, int dim, int neurons, int heads, Stored stored) {
        if (stored.tokens() < 0 || stored.embedding() == null) {
            throw new TailsException("attribution partial: token count " + stored.tokens() + " or embedding sums are invalid");
        }
        CorpusAttribution sums = new CorpusAttribution(layer, dim, DecompositionSums.of(stored.output(), neurons, "output"),
                DecompositionSums.of(stored.attention(), heads, "attention"));
        sums.tokens = stored.tokens();
        sums.value = stored.value();
        sums.attentionValue = stored.attentionValue();
        sums.embeddingValue = stored.embeddingValue();
        EmbeddingDecomposition e = stored.embedding();
        sums.embeddingSums[0] = e.beta();
        sums.embeddingSums[1] = e.word();
        sums.embeddingSums[2] = e.position();
        sums.embeddingSums[3] = e.tokenType();
        return sums;
    }

    Stored stored() {
        return new Stored(tokens, value, attentionValue, embeddingValue, new EmbeddingDecomposition(embeddingSums[0],
                embeddingSums[1], embeddingSums[2], embeddingSums[3]), output.stored(), attention.stored());
    }

    long tokens() {
        return tokens;
    }

    /** Counts every non-padding token, special tokens included. */
    void add(BlockDecomposer block, EmbeddingDecomposer embedding, CapturedForward forward) {
        Batch batch = forward.batch();
        for (int row = 0; row < batch.rows(); row++) {
            if (batch.isPadding(row)) {
                continue;
            }
            tokens++;
            value += block.value(forward, row);
            attentionValue += block.normalizedMid(forward, row);
            embeddingValue += embedding.value(forward, row);
            output.add(block.neurons(forward, row));
            attention.add(block.heads(forward, row));
            addEmbedding(embedding.decompose(forward, row));
        }
    }

    /** Adds the sums of another part of the corpus (same block, dim and model). */
    void add(CorpusAttribution other) {
        tokens += other.tokens;
        value += other.value;
        attentionValue += other.attentionValue;
        embeddingValue += other.embeddingValue;
        output.add(other.output);
        attention.add(other.attention);
        for (int i = 0; i < embeddingSums.length; i++) {
            embeddingSums[i] += other.embeddingSums[i];
        }
    }

    private void addEmbedding(EmbeddingDecomposition parts) {
        embeddingSums[0] += parts.beta();
        embeddingSums[1] += parts.word();
        embeddingSums[2] += parts.position();
        embeddingSums[3] += parts.tokenType();
    }

    Attribution result(int top) {
        if (tokens == 0) {
            throw new TailsException("attribution of block " + layer + " dim " + dim + ": no tokens were counted");
        }
        Decomposition meanOutput = output.mean(tokens);
        Decomposition meanAttention = attention.mean(tokens);
        return new Attribution(layer, dim, tokens, value / tokens,
                UnitMean.top(meanOutput.units(), top), UnitMean.top(meanAttention.units(), top),
                meanOutput, attentionValue / tokens, meanAttention, embeddingValue / tokens,
                new EmbeddingDecomposition(embeddingSums[0] / tokens, embeddingSums[1] / tokens,
                        embeddingSums[2] / tokens, embeddingSums[3] / tokens));
    }
}
