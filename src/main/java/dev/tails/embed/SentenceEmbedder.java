package dev.tails.embed;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.EncoderOutput;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import dev.tails.tokenize.Encoding;

import java.util.List;

/**
 * Sentence embeddings as sentence-transformers computes them: tokenize (cut to max_seq_length),
 * run the encoder, pool the last hidden state over each text's tokens, optionally L2-normalize.
 * Texts run through the {@link CorpusRunner} in batches sorted by length, so little of each batch is padding.
 */
public final class SentenceEmbedder {
    private final Model model;
    private final SentenceConfig config;
    private final int batchSize;

    public SentenceEmbedder(Model model, SentenceConfig config, int batchSize) {
        if (config.dimension() != model.config().hiddenSize()) {
            throw new TailsException(model.folder() + ": the pooling config says " + config.dimension()
                    + " dimensions but the encoder's hidden size is " + model.config().hiddenSize());
        }
        if (batchSize <= 0) {
            throw new TailsException("batch size must be positive, got " + batchSize);
        }
        this.model = model;
        this.config = config;
        this.batchSize = batchSize;
    }

    /** The embedder a sentence-transformers folder describes (modules.json and the files it names). */
    public static SentenceEmbedder of(Model model, int batchSize) {
        return new SentenceEmbedder(model, SentenceTransformersFiles.read(model.folder()), batchSize);
    }

    public SentenceConfig config() {
        return config;
    }

    /** The longest input in tokens: max_seq_length, or less when the position table is shorter. */
    public int maxTokens() {
        return Math.min(config.maxSeqLength(), model.config().maxTokens());
    }

    /** The tokens a text is embedded from: the tokenizer's, cut to {@link #maxTokens()} keeping [SEP]. */
    public Encoding encode(String text) {
        return model.tokenizer().encode(text).truncated(maxTokens());
    }

    /** One vector per text, in the order given: float[texts][hidden]. */
    public float[][] embed(List<String> texts) {
        return embed(texts, (text, states) -> {
        });
    }

    /** Receives a text's token vectors before they are pooled. */
    public interface TokenStates {
        /** @param states the last hidden state of text {@code text} (its index), [tokens * hidden], no padding */
        void accept(int text, float[] states);
    }

    /** {@link #embed(List)}, also handing each text's token vectors (sentence-transformers' token_embeddings) to {@code sink}. */
    public float[][] embed(List<String> texts, TokenStates sink) {
        TokenizedCorpus corpus = TokenizedCorpus.of(model, texts, this::encode, true, true);
        int hidden = model.config().hiddenSize();
        float[][] vectors = new float[texts.size()][];
        new CorpusRunner(model, batchSize, false).forEachBatch(corpus, ForwardHooks.NONE, batch -> {
            EncoderOutput out = batch.output();
            for (int b = 0; b < batch.size(); b++) {
                float[] states = out.hidden(out.numStates() - 1, b);
                sink.accept(batch.text(b), states);
                float[] v = config.pooling().pool(states, batch.batch().length(b), hidden);
                if (config.normalize()) {
                    Pooling.normalize(v);
                }
                vectors[batch.text(b)] = v;
            }
        }, Progress.SILENT);
        return vectors;
    }
}
