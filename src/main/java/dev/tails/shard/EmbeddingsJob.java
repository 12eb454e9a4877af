package dev.tails.shard;

import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import dev.tails.model.SentenceConfig;
import dev.tails.tensor.FloatTensor;

import java.util.List;
import java.util.Map;

/**
 * Keeps one sentence embedding per text, {@code embedding} [texts, H] (stacked, not ragged): texts cut
 * at max_seq_length as sentence-transformers cuts them (offsets and input_ids record the tokens
 * embedded), each forward keeping only the last hidden state. The hooks (interventions, or none) act on every batch.
 */
public final class EmbeddingsJob implements ShardJob {
    private final Model model;
    private final SentenceConfig sentence;
    private final ForwardHooks hooks;

    /**
     * @param model    the model
     * @param sentence the cut, pooling and normalization; its dimension must be the hidden size
     * @param hooks    interventions acting in every forward, or {@link ForwardHooks#NONE}
     */
    public EmbeddingsJob(Model model, SentenceConfig sentence, ForwardHooks hooks) {
        sentence.check(model);
        this.model = model;
        this.sentence = sentence;
        this.hooks = hooks.lastStateOnly();
    }

    @Override
    public ForwardHooks hooks() {
        return hooks;
    }

    /** H floats a text, so at most H a token: a bound for the memory check. */
    @Override
    public long floatsPerToken() {
        return model.config().hiddenSize();
    }

    @Override
    public TokenizedCorpus corpus(CorpusRunner runner, List<String> lines) {
        return TokenizedCorpus.of(model, lines, text -> sentence.encode(model, text), true, true);
    }

    @Override
    public TextTensors tensors(CorpusBatch batch, int sequence) {
        float[] v = sentence.embedding(batch.output(), sequence);
        return new TextTensors(Map.of(), Map.of("embedding", new FloatTensor(new int[] {v.length}, v)));
    }
}
