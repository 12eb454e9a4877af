package dev.tails.model;

import dev.tails.TailsException;
import dev.tails.tokenize.Encoding;

import java.nio.file.Path;

/**
 * What sentence-transformers adds on top of the encoder: the pooling, whether the result is
 * L2-normalized, and the longest input in tokens (longer texts are cut, keeping [SEP]).
 *
 * @param pooling      how a text's token vectors of the last hidden state become one vector
 * @param normalize    whether that vector is scaled to unit length (modules.json lists Normalize)
 * @param maxSeqLength {@link #MODEL_LIMIT} when the folder sets none
 * @param dimension    the pooled vector's size as the files state it (the encoder's hidden size)
 */
public record SentenceConfig(Pooling pooling, boolean normalize, int maxSeqLength, int dimension) {
    /** No max_seq_length of its own: the model's position table is the limit. */
    public static final int MODEL_LIMIT = Integer.MAX_VALUE;

    /**
     * Checks the values.
     *
     * @param pooling      the pooling
     * @param normalize    whether to L2-normalize
     * @param maxSeqLength the longest input in tokens, positive
     * @param dimension    the pooled vector's size, positive
     */
    public SentenceConfig {
        if (pooling == null || maxSeqLength <= 0 || dimension <= 0) {
            throw new IllegalArgumentException("SentenceConfig(" + pooling + ", " + normalize + ", " + maxSeqLength + ", " + dimension + ")");
        }
    }

    /**
     * What sentence-transformers does with a plain Hugging Face folder: mean pooling, no normalization,
     * texts cut at the model's own limit.
     *
     * @param config the model's config
     * @return that setting
     */
    public static SentenceConfig meanOf(ModelConfig config) {
        return new SentenceConfig(Pooling.MEAN, false, MODEL_LIMIT, config.hiddenSize());
    }

    /**
     * A folder's setting: its sentence-transformers files when it has them (modules.json), else
     * {@link #meanOf}. Needs no weights, so a caller can check it before loading them.
     *
     * @param folder the model folder
     * @param config the model's config
     * @return the setting
     * @throws TailsException naming a sentence-transformers file that is malformed or unsupported
     */
    public static SentenceConfig of(Path folder, ModelConfig config) {
        return SentenceTransformersFiles.present(folder) ? SentenceTransformersFiles.read(folder) : meanOf(config);
    }

    /**
     * The same cut and size with another pooling and normalization.
     *
     * @param pooling   the pooling
     * @param normalize whether to L2-normalize
     * @return the new setting
     */
    public SentenceConfig with(Pooling pooling, boolean normalize) {
        return new SentenceConfig(pooling, normalize, maxSeqLength, dimension);
    }

    /**
     * The longest input in tokens for a model: max_seq_length, or less when the position table is shorter.
     *
     * @param config the model's config
     * @return the cut
     */
    public int maxTokens(ModelConfig config) {
        return Math.min(maxSeqLength, config.maxTokens());
    }

    /**
     * The tokens a text is embedded from: the model's tokenizer, cut to {@link #maxTokens} keeping [SEP]
     * (sentence-transformers always truncates).
     *
     * @param model the model
     * @param text  the text
     * @return its encoding
     */
    public Encoding encode(Model model, String text) {
        return model.tokenizer().encode(text).truncated(maxTokens(model.config()));
    }

    /**
     * Refuses a setting whose vector size is not the model's hidden size (a pooling config of another model).
     *
     * @param model the model it is to run with
     * @throws TailsException naming both sizes
     */
    public void check(Model model) {
        if (dimension != model.config().hiddenSize()) {
            throw new TailsException(model.folder() + ": the pooling config says " + dimension
                    + " dimensions but the encoder's hidden size is " + model.config().hiddenSize());
        }
    }

    /**
     * One sequence's embedding: its last hidden state pooled over its tokens, normalized when asked.
     *
     * @param output   a forward's output (every state, or only the last)
     * @param sequence the sequence's index in the batch
     * @return [hidden]
     */
    public float[] embedding(EncoderOutput output, int sequence) {
        float[] v = pooling.pool(output.lastHidden(sequence), output.batch().length(sequence), output.hiddenSize());
        if (normalize) {
            Pooling.normalize(v);
        }
        return v;
    }
}
