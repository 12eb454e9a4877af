package dev.tails.embed;

import dev.tails.Progress;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.EncoderOutput;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import dev.tails.model.RunOrder;
import dev.tails.model.SentenceConfig;
import dev.tails.model.SentenceTransformersFiles;
import dev.tails.tokenize.Encoding;

import java.util.List;

/**
 * Sentence embeddings over a corpus, with each text's token vectors handed on as well
 * (sentence-transformers' token_embeddings): the {@link SentenceConfig}'s cut, pooling and
 * normalization, run through the {@link CorpusRunner} in batches sorted by length. For vectors alone,
 * {@link Model#embed(List)} is the same computation.
 */
public final class SentenceEmbedder {
    private final Model model;
    private final SentenceConfig config;
    private final int batchSize;

    /**
     * An embedder with a setting of the caller's.
     *
     * @param model the model
     * @param config pooling, normalization, cut; its dimension must be the model's hidden size
     * @param batchSize texts per forward
     */
    public SentenceEmbedder(Model model, SentenceConfig config, int batchSize) {
        config.check(model);
        this.model = model;
        this.config = config;
        this.batchSize = RunOrder.checkBatchSize(batchSize);
    }

    /**
     * The embedder a sentence-transformers folder describes (modules.json and the files it names).
     *
     * @param model a model loaded from such a folder
     * @param batchSize texts per forward
     * @return the embedder
     */
    public static SentenceEmbedder of(Model model, int batchSize) {
        return new SentenceEmbedder(model, SentenceTransformersFiles.read(model.folder()), batchSize);
    }

    /** {@return its pooling, normalization and cut} */
    public SentenceConfig config() {
        return config;
    }

    /** {@return the longest input in tokens: max_seq_length, or less when the position table is shorter} */
    public int maxTokens() {
        return config.maxTokens(model.config());
    }

    /**
     * The tokens a text is embedded from.
     *
     * @param text the text
     * @return the tokenizer's, cut to {@link #maxTokens()} keeping [SEP]
     */
    public Encoding encode(String text) {
        return config.encode(model, text);
    }

    /**
     * One vector per text.
     *
     * @param texts the texts
     * @return float[texts][hidden], in the order given
     */
    public float[][] embed(List<String> texts) {
        return embed(texts, (text, states) -> {
        });
    }

    /** Receives a text's token vectors before they are pooled. */
    public interface TokenStates {
        /**
         * One text's token vectors.
         *
         * @param text its index in the texts
         * @param states its last hidden state [tokens * hidden], no padding
         */
        void accept(int text, float[] states);
    }

    /**
     * {@link #embed(List)}, also handing each text's token vectors to a sink.
     *
     * @param texts the texts
     * @param sink gets each text's last hidden state
     * @return float[texts][hidden], in the order given
     */
    public float[][] embed(List<String> texts, TokenStates sink) {
        TokenizedCorpus corpus = TokenizedCorpus.of(model, texts, this::encode, true, true);
        float[][] vectors = new float[texts.size()][];
        new CorpusRunner(model, batchSize, false).forEachBatch(corpus, ForwardHooks.NONE.lastStateOnly(), batch -> {
            EncoderOutput out = batch.output();
            for (int b = 0; b < batch.size(); b++) {
                sink.accept(batch.text(b), out.lastHidden(b));
                vectors[batch.text(b)] = config.embedding(out, b);
            }
        }, Progress.SILENT);
        return vectors;
    }
}
