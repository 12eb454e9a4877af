package dev.tails.shard;

import dev.tails.corpus.CorpusBatch;
import dev.tails.model.EncoderOutput;
import dev.tails.model.ForwardHooks;
import dev.tails.model.ModelConfig;
import dev.tails.tensor.FloatTensor;

import java.util.Map;

/**
 * Keeps every hidden state of every token, token-major so a text's rows are contiguous:
 * {@code hidden} [tokens, layers+1, H] (state 0 = embeddings), and {@code pooled} [texts, H] when the
 * model has a pooler. The hooks (interventions, or none) act on every batch.
 */
public record HiddenStatesJob(ForwardHooks hooks, ModelConfig config) implements ShardJob {

    @Override
    public long floatsPerToken() {
        return (config.numLayers() + 1L) * config.hiddenSize();
    }

    @Override
    public TextTensors tensors(CorpusBatch batch, int sequence) {
        EncoderOutput output = batch.output();
        int states = output.numStates();
        int h = output.hiddenSize();
        int tokens = output.batch().length(sequence);
        float[] tokenMajor = new float[tokens * states * h];
        for (int s = 0; s < states; s++) {
            float[] state = output.hidden(s, sequence);
            for (int t = 0; t < tokens; t++) {
                System.arraycopy(state, t * h, tokenMajor, (t * states + s) * h, h);
            }
        }
        float[] pooled = output.pooled(sequence);
        return new TextTensors(Map.of("hidden", new FloatTensor(new int[] {tokens, states, h}, tokenMajor)),
                pooled == null ? Map.of() : Map.of("pooled", new FloatTensor(new int[] {h}, pooled)));
    }
}
