package dev.tails.model;

/**
 * The masked-LM decoder, weight [vocab, H] + bias [vocab], packed for the GEMM on first use: most
 * jobs never ask for logits, and bert-base's table would add 89 MB of panels to every load. Tied,
 * the weight is the word embedding table itself (no copy until packed).
 */
final class VocabProjection {
    private final int vocab;
    private final int hidden;
    private final float[] bias;
    private float[] weight;
    private volatile LinearWeights packed;

    VocabProjection(float[] weight, float[] bias, int vocab, int hidden) {
        this.weight = weight;
        this.bias = bias;
        this.vocab = vocab;
        this.hidden = hidden;
    }

    LinearWeights linear() {
        LinearWeights p = packed;
        if (p == null) {
            synchronized (this) {
                if (packed == null) {
                    packed = new LinearWeights(weight, bias, vocab, hidden);
                    weight = null;  // the panels hold it now
                }
                p = packed;
            }
        }
        return p;
    }
}
