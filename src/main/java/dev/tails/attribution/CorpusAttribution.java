package dev.tails.attribution;

import dev.tails.model.Batch;

/** Sums one block's per-token decompositions at one dim over a corpus, batch by batch. */
final class CorpusAttribution {
    private final BlockDecomposer block;
    private final EmbeddingDecomposer embedding;
    private final DecompositionSums output;
    private final DecompositionSums attention;
    private final double[] embeddingSums = new double[4];
    private double value;
    private double attentionValue;
    private double embeddingValue;
    private long tokens;

    CorpusAttribution(BlockDecomposer block, EmbeddingDecomposer embedding, int neurons, int heads) {
        this.block = block;
        this.embedding = embedding;
        this.output = new DecompositionSums(neurons);
        this.attention = new DecompositionSums(heads);
    }

    /** Counts every non-padding token, special tokens included. */
    void add(CapturedForward forward) {
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
            EmbeddingDecomposition parts = embedding.decompose(forward, row);
            embeddingSums[0] += parts.beta();
            embeddingSums[1] += parts.word();
            embeddingSums[2] += parts.position();
            embeddingSums[3] += parts.tokenType();
        }
    }

    Attribution result(int top) {
        Decomposition meanOutput = output.mean(tokens);
        Decomposition meanAttention = attention.mean(tokens);
        return new Attribution(block.block(), block.dim(), tokens, value / tokens,
                UnitMean.top(meanOutput.units(), top), UnitMean.top(meanAttention.units(), top),
                meanOutput, attentionValue / tokens, meanAttention, embeddingValue / tokens,
                new EmbeddingDecomposition(embeddingSums[0] / tokens, embeddingSums[1] / tokens,
                        embeddingSums[2] / tokens, embeddingSums[3] / tokens));
    }
}
