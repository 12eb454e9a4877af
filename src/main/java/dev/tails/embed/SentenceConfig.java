package dev.tails.embed;

/**
 * What sentence-transformers adds on top of the encoder: the pooling, whether the result is
 * L2-normalized, and the longest input in tokens (longer texts are cut, keeping [SEP]).
 *
 * @param maxSeqLength {@link #MODEL_LIMIT} when the folder sets none
 * @param dimension    the pooled vector's size as the files state it (the encoder's hidden size)
 */
public record SentenceConfig(Pooling pooling, boolean normalize, int maxSeqLength, int dimension) {
    /** No max_seq_length of its own: the model's position table is the limit. */
    public static final int MODEL_LIMIT = Integer.MAX_VALUE;

    public SentenceConfig {
        if (pooling == null || maxSeqLength <= 0 || dimension <= 0) {
            throw new IllegalArgumentException("SentenceConfig(" + pooling + ", " + normalize + ", " + maxSeqLength + ", " + dimension + ")");
        }
    }
}
